using StarsStudio.Features.Languages;
using StarsStudio.Features.Settings;

namespace StarsStudio.Tests.Features.Languages;

/// <summary>The bot's own words: every shipped language says everything English says, with the same placeholders.</summary>
public sealed class BotWordsTests
{
    public static TheoryData<string> OtherLanguages() => [.. BuyerLanguages.Shipped.Select(l => l.Code).Where(c => c != BuyerLanguages.English)];

    private static SortedSet<string> PlaceholdersOf(string text) => [.. Words.Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Language_HasExactlyTheEnglishKeys(string code)
    {
        var english = BotWords.Load(BuyerLanguages.English);
        var words = BotWords.Load(code);

        Assert.Empty(english.Keys.Except(words.Keys));   // missing in this language
        Assert.Empty(words.Keys.Except(english.Keys));   // a key English does not have
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Language_UsesTheSamePlaceholdersAsEnglish(string code)
    {
        var english = BotWords.Load(BuyerLanguages.English);
        var words = BotWords.Load(code);

        var differing = english.Keys.Where(words.ContainsKey)
            .Where(k => !PlaceholdersOf(english[k]).SetEquals(PlaceholdersOf(words[k])))
            .Select(k => $"{k}: {{{string.Join("}, {", PlaceholdersOf(words[k]))}}} instead of {{{string.Join("}, {", PlaceholdersOf(english[k]))}}}")
            .ToList();
        Assert.Empty(differing);
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Language_HasNoBlankOrUntranslatedText(string code)
    {
        var english = BotWords.Load(BuyerLanguages.English);
        var words = BotWords.Load(code);
        Assert.DoesNotContain(words, w => string.IsNullOrWhiteSpace(w.Value));
        // Sentences left in English are a forgotten translation (short labels like "{title} (code {code})" may coincide).
        Assert.DoesNotContain(words, w => w.Value.Length > 30 && w.Value == english[w.Key]);
    }

    [Fact]
    public void English_DefaultTextsAreTheSettingsDefaults()
    {
        var en = BotWords.English;
        Assert.Equal(DefaultTexts.Welcome, en["default.welcome"]);
        Assert.Equal(DefaultTexts.Support, en["default.support"]);
        Assert.Equal(DefaultTexts.Terms, en["default.terms"]);
        Assert.Equal(DefaultTexts.Privacy, en["default.privacy"]);
    }

    [Fact]
    public void T_FillsNamedPlaceholdersAndLeavesUnknownOnes()
    {
        Assert.Equal("Buy for ⭐ 1,000", BotWords.English.T("card.buy", ("stars", "1,000")));
        Assert.Equal("Hi {first_name}! 👋", BotWords.English["default.welcome"].Split('\n')[0]);
        Assert.Equal("/translate: 3 uses left.", BotWords.English.Count("command.left", 3, ("command", "translate")));
        Assert.Equal("/translate: 1 use left.", BotWords.English.Count("command.left", 1, ("command", "translate")));
    }

    [Fact]
    public void Persian_IsolatesValuesAndCommands_SoTheyKeepTheirOrderInRightToLeftText()
    {
        var fa = BotWords.For("fa");
        Assert.True(fa.RightToLeft);

        var footer = fa.T("receipt.footer", ("code", "SS-7K3Q9"), ("stars", 25));

        Assert.Contains("\u2068SS-7K3Q9\u2069", footer);   // first-strong isolate around the order code
        Assert.Contains("\u206825\u2069", footer);                 // and around the amount
        Assert.Contains("\u2066/paysupport\u2069", footer); // a /command reads left to right
        Assert.Contains("\u2066/translate\u2069", fa.Count("command.left", 2, ("command", "translate")));
        // Left-to-right languages get the text untouched.
        Assert.DoesNotContain('\u2068', BotWords.For("ru").T("receipt.footer", ("code", "SS-7K3Q9"), ("stars", 25)));
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("de-AT", "de")]
    [InlineData("pt-BR", "pt-br")]
    [InlineData("pt-PT", "pt-br")]
    [InlineData("ko", "es")]
    [InlineData(null, "es")]
    public void For_TelegramCode_PicksTheWordsThroughTheChain(string? telegramCode, string expected) =>
        Assert.Equal(expected, BotWords.For(telegramCode, creatorDefault: "es").Code);
}
