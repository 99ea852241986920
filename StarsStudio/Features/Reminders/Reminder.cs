using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

/// <summary>One scheduled message to an audience of buyers or to one channel. Times are UTC.</summary>
public sealed class Reminder
{
    public int Id { get; set; }
    /// <summary>For the creator only.</summary>
    public required string Name { get; set; }
    public ReminderKind Kind { get; set; } = ReminderKind.TopUp;
    public ReminderStatus Status { get; set; } = ReminderStatus.Draft;
    /// <summary>The action the message talks about ({action_title}, {price}, {launch_time}, the Buy button).</summary>
    public int? ActionId { get; set; }
    /// <summary>In the creator's default language.</summary>
    public string Text { get; set; } = "";
    /// <summary>The text in other languages: each recipient gets their language's version, else <see cref="Text"/>.</summary>
    public Reports.ValueList<ReminderTranslation> Translations { get; set; } = [];
    public bool BuyButton { get; set; }
    /// <summary>The promo code {code} and {code_link} stand for (issue #15); its own rules apply when a buyer uses it.</summary>
    public string? PromoCode { get; set; }
    public DateTimeOffset SendAt { get; set; }

    public AudienceFilter Filter { get; set; } = AudienceFilter.Everyone;
    /// <summary>The action the filter is about (required for OpenedNotBought, optional for BoughtBefore).</summary>
    public int? FilterActionId { get; set; }
    /// <summary>Telegram language code ("en", "de"); matches "en-US" too. Null = any.</summary>
    public string? Language { get; set; }
    /// <summary>Send to this channel instead of buyers.</summary>
    public int? ChannelId { get; set; }

    /// <summary>allow_paid_broadcast: faster than 30/s, paid from the bot's Star balance.</summary>
    public bool PaidBroadcast { get; set; }

    /// <summary>The bot the audience was taken from when sending started.</summary>
    public long? BotId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Problem { get; set; }

    public bool IsEditable => Status is ReminderStatus.Draft or ReminderStatus.Scheduled;
}
