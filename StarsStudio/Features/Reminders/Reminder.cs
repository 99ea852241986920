using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

public enum ReminderStatus { Draft, Scheduled, Sending, Paused, Completed, Cancelled }

/// <summary>What a reminder is for; the launch plan proposes TopUp before the launch and LiveNow at it.</summary>
public enum ReminderKind { TopUp, LiveNow, Custom }

/// <summary>Who a reminder goes to.</summary>
public enum AudienceFilter
{
    /// <summary>Everyone who started the bot and did not send /stop.</summary>
    Everyone,
    /// <summary>Opened an action's invoice (InvoiceSent/Approved/Expired/Rejected) but has no paid order of it.</summary>
    OpenedNotBought,
    /// <summary>Has a paid order (of <see cref="Reminder.FilterActionId"/> when set, else of anything).</summary>
    BoughtBefore,
}

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
    public string Text { get; set; } = "";
    public bool BuyButton { get; set; }
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

public enum RecipientStatus { Pending, Sending, Sent, Failed, Blocked, Skipped }

/// <summary>
/// One chat of one reminder. Marked Sending before the call and Sent after it, so a restart knows exactly who
/// may already have it: those stuck in Sending are never resent (at most once; see RemindersBroadcaster).
/// </summary>
public sealed class ReminderRecipient
{
    public long Id { get; set; }
    public int ReminderId { get; set; }
    /// <summary>The buyer's Telegram user id, or the channel's chat id.</summary>
    public long ChatId { get; set; }
    public string FirstName { get; set; } = "";
    public RecipientStatus Status { get; set; }
    public int Attempt { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>A channel where the bot is an admin that may post.</summary>
public sealed class ReminderChannel
{
    public int Id { get; set; }
    public long BotId { get; set; }
    public long ChatId { get; set; }
    public required string Title { get; set; }
    public string? Username { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class ReminderConfiguration :
    IEntityTypeConfiguration<Reminder>, IEntityTypeConfiguration<ReminderRecipient>, IEntityTypeConfiguration<ReminderChannel>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.HasIndex(r => new { r.Status, r.SendAt });
        b.HasIndex(r => r.ActionId);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Text).HasMaxLength(4096);
        b.Property(r => r.Language).HasMaxLength(16);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Filter).HasConversion<string>().HasMaxLength(24);
    }

    public void Configure(EntityTypeBuilder<ReminderRecipient> b)
    {
        b.HasIndex(r => new { r.ReminderId, r.ChatId }).IsUnique();
        b.HasIndex(r => new { r.ReminderId, r.Status });
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.FirstName).HasMaxLength(128);
        b.Property(r => r.Error).HasMaxLength(300);
        b.HasOne<Reminder>().WithMany().HasForeignKey(r => r.ReminderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReminderChannel> b)
    {
        b.HasIndex(c => new { c.BotId, c.ChatId }).IsUnique();
        b.Property(c => c.Title).HasMaxLength(256);
        b.Property(c => c.Username).HasMaxLength(64);
    }
}
