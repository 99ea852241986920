namespace StarsStudio.Features.Settings;

/// <summary>The Settings page's copy of one <see cref="BuyerTextsTranslation"/>; blank = the default text.</summary>
public sealed class BuyerTextsTranslationForm
{
    public string Language { get; set; } = "";
    public string? Welcome { get; set; }
    public string? Support { get; set; }
    public string? Terms { get; set; }
    public string? Privacy { get; set; }

    public static BuyerTextsTranslationForm From(BuyerTextsTranslation t) =>
        new() { Language = t.Language, Welcome = t.Welcome, Support = t.Support, Terms = t.Terms, Privacy = t.Privacy };

    /// <summary>Trimmed; null when nothing is written, so empty translations are never stored.</summary>
    public BuyerTextsTranslation? ToTranslation()
    {
        static string? Keep(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var t = new BuyerTextsTranslation { Language = Language, Welcome = Keep(Welcome), Support = Keep(Support), Terms = Keep(Terms), Privacy = Keep(Privacy) };
        return t is { Welcome: null, Support: null, Terms: null, Privacy: null } ? null : t;
    }
}
