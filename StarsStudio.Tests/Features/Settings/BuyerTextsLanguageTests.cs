using StarsStudio.Features.Languages;
using StarsStudio.Features.Settings;

namespace StarsStudio.Tests.Features.Settings;

public sealed class BuyerTextsLanguageTests
{
    [Fact]
    public void For_PicksTranslationThenShippedDefaultInTheLanguageThenTheCreatorsText()
    {
        var settings = new BotSettings
        {
            WelcomeText = "Welcome to my shop!",                  // the creator's own text
            TermsText = DefaultTexts.Terms,                       // still the shipped default
            TextTranslations = [new BuyerTextsTranslation { Language = "ru", Support = "Пишите нам", Privacy = " " }],
        };

        var ru = BuyerTextsLanguage.For(settings, BotWords.For("ru"));
        Assert.Equal("Пишите нам", ru.Support);                               // the creator's translation
        Assert.StartsWith("Условия продажи", ru.Terms);                       // the shipped default, in Russian
        Assert.StartsWith("Конфиденциальность", ru.Privacy);                  // blank translation, shipped default in Russian
        Assert.Equal("Welcome to my shop!", ru.Welcome);                      // no translation: the creator's text

        var en = BuyerTextsLanguage.For(settings, BotWords.English);
        Assert.Equal(DefaultTexts.Support, en.Support);
        Assert.Equal("Welcome to my shop!", en.Welcome);
    }
}
