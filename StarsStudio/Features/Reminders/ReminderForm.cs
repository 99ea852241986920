using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Reminders;

/// <summary>The reminder editor's model; times are in the creator's zone.</summary>
public sealed class ReminderForm : IValidatableObject
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give it a name only you see, e.g. \"Top up: the day before\".")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string Name { get; set; } = "Top up Stars before the launch";

    public ReminderKind Kind { get; set; } = ReminderKind.TopUp;
    public int? ActionId { get; set; }

    [Required(ErrorMessage = "Write the message buyers get.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string Text { get; set; } = ReminderText.TopUp;

    public bool BuyButton { get; set; } = true;
    /// <summary>The code {code} and {code_link} stand for; blank = none.</summary>
    public string? PromoCode { get; set; }
    public bool SendNow { get; set; }
    public DateTime? SendAtLocal { get; set; }

    public AudienceFilter Filter { get; set; } = AudienceFilter.Everyone;
    public int? FilterActionId { get; set; }
    public string? Language { get; set; }
    public int? ChannelId { get; set; }
    public bool PaidBroadcast { get; set; }

    /// <summary>The language <see cref="Text"/> is in (Settings); set by the editor.</summary>
    public string DefaultLanguage { get; set; } = Languages.BuyerLanguages.English;

    /// <summary>The text in other languages (issue #16); each recipient gets their language's version, else <see cref="Text"/>.</summary>
    public List<ReminderTranslationForm> Translations { get; set; } = [];

    public ReminderTranslationForm TranslationFor(string language)
    {
        if (Translations.FirstOrDefault(t => t.Language == language) is { } existing) return existing;
        var made = new ReminderTranslationForm { Language = language };
        Translations.Add(made);
        return made;
    }

    public int MissingIn(string language) => string.IsNullOrWhiteSpace(Translations.FirstOrDefault(t => t.Language == language)?.Text) ? 1 : 0;

    /// <summary>
    /// Written translations only, trimmed, in the shipped order: what the reminder stores. One into the default
    /// language (left from before the creator changed it) is dropped: the editor cannot show it, and it would
    /// quietly replace the text the creator sees for those buyers.
    /// </summary>
    public Reports.ValueList<ReminderTranslation> ToTranslations() => new(Translations
        .Where(t => !string.IsNullOrWhiteSpace(t.Text) && Languages.BuyerLanguages.IsShipped(t.Language) && t.Language != DefaultLanguage)
        .Select(t => new ReminderTranslation { Language = t.Language, Text = t.Text!.Trim() })
        .DistinctBy(t => t.Language)
        .OrderBy(t => Languages.BuyerLanguages.Shipped.ToList().FindIndex(l => l.Code == t.Language)));

    /// <summary>Each language's version is one Telegram message.</summary>
    public IEnumerable<Languages.TranslationProblem> TranslationProblems() => Translations
        .Where(t => t.Language != DefaultLanguage && t.Text is { } v && v.Trim().Length > 4096)
        .Select(t => new Languages.TranslationProblem(t.Language, nameof(Text), $"Telegram messages are at most 4096 characters; this one has {t.Text!.Trim().Length}."));

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!SendNow && SendAtLocal is null)
            yield return new("Choose when to send it, or tick \"Send now\".", [nameof(SendAtLocal)]);
        if (Filter == AudienceFilter.OpenedNotBought && FilterActionId is null && ChannelId is null)
            yield return new("Choose which action they opened.", [nameof(FilterActionId)]);
        if (BuyButton && ActionId is null)
            yield return new("The Buy button needs an action to open.", [nameof(BuyButton)]);
        var texts = Translations.Select(t => t.Text).Prepend(Text).Where(t => t is not null).ToList();
        bool Uses(string name) => texts.Any(t => t!.Contains("{" + name + "}", StringComparison.Ordinal));
        if ((Uses("code") || Uses("code_link")) && string.IsNullOrWhiteSpace(PromoCode))
            yield return new("The text uses {code} or {code_link}: choose the promo code they stand for.", [nameof(PromoCode)]);
        if (Uses("code_link") && ActionId is null)
            yield return new("{code_link} opens an action with the code: choose the action above.", [nameof(PromoCode)]);
        foreach (var problem in TranslationProblems()) yield return new(problem.ToString(), [nameof(Translations)]);
    }

    public static ReminderForm From(Reminder r, TimeZoneInfo zone) => new()
    {
        Id = r.Id, Name = r.Name, Kind = r.Kind, ActionId = r.ActionId, Text = r.Text, BuyButton = r.BuyButton, PromoCode = r.PromoCode,
        SendAtLocal = LaunchPlan.ToLocal(r.SendAt, zone), Filter = r.Filter, FilterActionId = r.FilterActionId,
        Language = r.Language, ChannelId = r.ChannelId, PaidBroadcast = r.PaidBroadcast,
        Translations = [.. r.Translations.Select(t => new ReminderTranslationForm { Language = t.Language, Text = t.Text })],
    };
}
