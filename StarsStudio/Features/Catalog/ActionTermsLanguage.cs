namespace StarsStudio.Features.Catalog;

/// <summary>
/// The one place the creator's per-language words of an action are looked up: the terms with every translated
/// field of that language in place of the default-language field. A blank or missing translation keeps the default.
/// </summary>
public static class ActionTermsLanguage
{
    /// <param name="language">A shipped code as the buyer resolved to (null: the default language).</param>
    public static ActionTerms InLanguage(this ActionTerms terms, string? language)
    {
        var code = Languages.BuyerLanguages.Normalize(language);
        if (code is null || terms.Translations is not { Count: > 0 } translations) return terms;
        var t = translations.FirstOrDefault(x => string.Equals(Languages.BuyerLanguages.Normalize(x.Language), code, StringComparison.Ordinal));
        if (t is null) return terms;
        return terms with
        {
            Title = Pick(t.Title, terms.Title)!,
            Promise = Pick(t.Promise, terms.Promise)!,
            Description = Pick(t.Description, terms.Description)!,
            TextContent = Pick(t.TextContent, terms.TextContent),
            CommandReply = Pick(t.CommandReply, terms.CommandReply),
            Template = Pick(t.Template, terms.Template),
        };
    }

    private static string? Pick(string? translated, string? fallback) => string.IsNullOrWhiteSpace(translated) ? fallback : translated;
}
