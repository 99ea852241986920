using StarsStudio.Features.Catalog;

namespace StarsStudio.Tests.Features.Catalog;

public sealed class ActionTermsLanguageTests
{
    private static readonly ActionTerms Terms = new()
    {
        Title = "Launch checklist", Promise = "a checklist", Description = "Ten steps.", TextContent = "<b>Steps</b>", CommandReply = "Done!", Template = "# Report",
        Translations = [new ActionTranslation { Language = "ru", Title = "Чек-лист", Promise = "  ", TextContent = "<b>Шаги</b>" }],
    };

    [Fact]
    public void InLanguage_Translated_ReplacesTheTranslatedFieldsAndKeepsTheBlankOnes()
    {
        var ru = Terms.InLanguage("ru");
        Assert.Equal("Чек-лист", ru.Title);
        Assert.Equal("<b>Шаги</b>", ru.TextContent);
        Assert.Equal("a checklist", ru.Promise);        // blank → the default-language field
        Assert.Equal("Ten steps.", ru.Description);     // missing → the default-language field
        Assert.Equal("Done!", ru.CommandReply);
        Assert.Equal("# Report", ru.Template);
    }

    [Theory]
    [InlineData("de")]
    [InlineData(null)]
    [InlineData("en")]
    public void InLanguage_NoTranslation_IsTheTermsThemselves(string? language) => Assert.Same(Terms, Terms.InLanguage(language));
}
