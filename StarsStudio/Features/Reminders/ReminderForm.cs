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
    public bool SendNow { get; set; }
    public DateTime? SendAtLocal { get; set; }

    public AudienceFilter Filter { get; set; } = AudienceFilter.Everyone;
    public int? FilterActionId { get; set; }
    public string? Language { get; set; }
    public int? ChannelId { get; set; }
    public bool PaidBroadcast { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!SendNow && SendAtLocal is null)
            yield return new("Choose when to send it, or tick \"Send now\".", [nameof(SendAtLocal)]);
        if (Filter == AudienceFilter.OpenedNotBought && FilterActionId is null && ChannelId is null)
            yield return new("Choose which action they opened.", [nameof(FilterActionId)]);
        if (BuyButton && ActionId is null)
            yield return new("The Buy button needs an action to open.", [nameof(BuyButton)]);
    }

    public static ReminderForm From(Reminder r, TimeZoneInfo zone) => new()
    {
        Id = r.Id, Name = r.Name, Kind = r.Kind, ActionId = r.ActionId, Text = r.Text, BuyButton = r.BuyButton,
        SendAtLocal = LaunchPlan.ToLocal(r.SendAt, zone), Filter = r.Filter, FilterActionId = r.FilterActionId,
        Language = r.Language, ChannelId = r.ChannelId, PaidBroadcast = r.PaidBroadcast,
    };
}
