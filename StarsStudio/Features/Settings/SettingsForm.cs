using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Settings;

/// <summary>The editable part of Settings, validated next to each field.</summary>
public sealed class SettingsForm : IValidatableObject
{
    /// <summary>The language the texts below (and every action's own fields) are written in; see <see cref="BotSettings.DefaultLanguage"/>.</summary>
    [Required(ErrorMessage = "Choose the language your texts are written in.")]
    public string DefaultLanguage { get; set; } = Languages.BuyerLanguages.English;

    /// <summary>The four texts in other languages, one entry per language the page has opened.</summary>
    public List<BuyerTextsTranslationForm> Translations { get; set; } = [];

    /// <summary>The translatable texts: the form's field name and the translation's, in the page's order.</summary>
    public static readonly IReadOnlyList<(string Field, string Translated)> TranslatableFields =
    [
        (nameof(WelcomeText), nameof(BuyerTextsTranslationForm.Welcome)),
        (nameof(SupportText), nameof(BuyerTextsTranslationForm.Support)),
        (nameof(TermsText), nameof(BuyerTextsTranslationForm.Terms)),
        (nameof(PrivacyText), nameof(BuyerTextsTranslationForm.Privacy)),
    ];

    [Required(ErrorMessage = "Buyers see this after /start; write a short welcome.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string WelcomeText { get; set; } = "";

    [Required(ErrorMessage = "Telegram requires an answer to /paysupport.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string SupportText { get; set; } = "";

    [Required(ErrorMessage = "Buyers see this after /terms.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string TermsText { get; set; } = "";

    [Required(ErrorMessage = "Telegram requires an answer to /privacy.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string PrivacyText { get; set; } = "";

    [Required(ErrorMessage = "Choose your time zone.")]
    public string TimeZoneId { get; set; } = "UTC";

    [Required(ErrorMessage = "Buyers need a place to top up Stars.")]
    [Url(ErrorMessage = "Enter a full link, e.g. https://t.me/PremiumBot.")]
    public string TopUpLink { get; set; } = "";

    public BuyerTextsTranslationForm TranslationFor(string language)
    {
        if (Translations.FirstOrDefault(t => t.Language == language) is { } existing) return existing;
        var made = new BuyerTextsTranslationForm { Language = language };
        Translations.Add(made);
        return made;
    }

    public int MissingIn(string language)
    {
        var t = Translations.FirstOrDefault(x => x.Language == language);
        return t is null ? 4 : new[] { t.Welcome, t.Support, t.Terms, t.Privacy }.Count(string.IsNullOrWhiteSpace);
    }

    /// <summary>Each language's text is one Telegram message, so each has Telegram's limit.</summary>
    public IEnumerable<Languages.TranslationProblem> TranslationProblems()
    {
        foreach (var t in Translations.Where(t => t.Language != DefaultLanguage))
            foreach (var (field, text) in new[] { (nameof(WelcomeText), t.Welcome), (nameof(SupportText), t.Support), (nameof(TermsText), t.Terms), (nameof(PrivacyText), t.Privacy) })
                if (text is { } v && v.Trim().Length > 4096)
                    yield return new(t.Language, field, $"Telegram messages are at most 4096 characters; this one has {v.Trim().Length}.");
    }

    /// <summary>What is stored: written translations only, in the shipped order, so an unchanged page saves nothing new.</summary>
    public Reports.ValueList<BuyerTextsTranslation> ToTranslations() => new(Translations
        .Select(t => t.ToTranslation()).OfType<BuyerTextsTranslation>()
        // One for the default language would replace the texts above for those buyers, unseen: it is not kept.
        .Where(t => Languages.BuyerLanguages.IsShipped(t.Language) && t.Language != DefaultLanguage)
        .DistinctBy(t => t.Language)
        .OrderBy(t => Languages.BuyerLanguages.Shipped.ToList().FindIndex(l => l.Code == t.Language)));

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Languages.BuyerLanguages.IsShipped(DefaultLanguage))
            yield return new("Choose one of the languages the bot speaks.", [nameof(DefaultLanguage)]);
        foreach (var problem in TranslationProblems()) yield return new(problem.ToString(), [nameof(Translations)]);
    }

    public static SettingsForm From(BotSettings s) => new()
    {
        WelcomeText = s.WelcomeText, SupportText = s.SupportText, TermsText = s.TermsText, PrivacyText = s.PrivacyText,
        TimeZoneId = s.TimeZoneId, TopUpLink = s.TopUpLink,
        DefaultLanguage = Languages.BuyerLanguages.Find(s.DefaultLanguage)?.Code ?? Languages.BuyerLanguages.English,
        Translations = [.. s.TextTranslations.Select(BuyerTextsTranslationForm.From)],
    };
}
