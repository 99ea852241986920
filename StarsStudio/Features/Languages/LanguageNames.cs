namespace StarsStudio.Features.Languages;

/// <summary>How the dashboard names a stored language code for support staff.</summary>
public static class LanguageNames
{
    /// <summary>"Russian (Русский)"; an unknown code as it is; null (orders before issue #16) as "not recorded".</summary>
    public static string Describe(string? code) =>
        BuyerLanguages.Find(code) is { } l ? (l.Code == BuyerLanguages.English ? l.EnglishName : $"{l.EnglishName} ({l.NativeName})")
        : string.IsNullOrWhiteSpace(code) ? "not recorded" : code;
}
