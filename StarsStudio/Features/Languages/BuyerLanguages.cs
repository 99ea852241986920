namespace StarsStudio.Features.Languages;

/// <summary>
/// The languages the bot speaks, and how a buyer's Telegram <c>language_code</c> picks one: the exact tag
/// ("pt-br"), else its base language ("de-AT" → "de"; "pt-PT" → the shipped Portuguese), else the creator's
/// default language, else English.
/// </summary>
public static class BuyerLanguages
{
    public const string English = "en";

    public static IReadOnlyList<BuyerLanguage> Shipped { get; } =
    [
        new("en", "English", "English"),
        new("ru", "Russian", "Русский"),
        new("es", "Spanish", "Español"),
        new("pt-br", "Portuguese (Brazil)", "Português (Brasil)"),
        new("de", "German", "Deutsch"),
        new("uk", "Ukrainian", "Українська"),
        new("tr", "Turkish", "Türkçe"),
        new("id", "Indonesian", "Bahasa Indonesia"),
        new("fa", "Persian", "فارسی", RightToLeft: true),
    ];

    private static readonly Dictionary<string, BuyerLanguage> byCode = Shipped.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    public static BuyerLanguage? Find(string? code) => Normalize(code) is { } c && byCode.TryGetValue(c, out var l) ? l : null;

    public static bool IsShipped(string? code) => Find(code) is not null;

    public static bool IsRightToLeft(string? code) => Find(code)?.RightToLeft ?? false;

    /// <summary>"pt_BR", " PT-br " → "pt-br"; null for blank.</summary>
    public static string? Normalize(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : code.Trim().Replace('_', '-').ToLowerInvariant();

    /// <summary>The shipped language for a buyer's Telegram language code.</summary>
    public static BuyerLanguage Resolve(string? telegramCode, string? creatorDefault) => Chain(telegramCode, creatorDefault)[0];

    /// <summary>
    /// The shipped languages to try, best first: exact, base language, the creator's default, English. The
    /// creator's words use the whole chain (a missing translation falls to the next); the bot's own words exist in
    /// every shipped language, so they use the first.
    /// </summary>
    public static IReadOnlyList<BuyerLanguage> Chain(string? telegramCode, string? creatorDefault)
    {
        var chain = new List<BuyerLanguage>(4);
        void Add(BuyerLanguage? l) { if (l is not null && !chain.Contains(l)) chain.Add(l); }
        if (Normalize(telegramCode) is { } code)
        {
            Add(Find(code));
            var baseLanguage = code.Split('-')[0];
            Add(Find(baseLanguage) ?? Shipped.FirstOrDefault(l => l.Code.Split('-')[0] == baseLanguage));
        }
        Add(Find(creatorDefault));
        Add(byCode[English]);
        return chain;
    }
}
