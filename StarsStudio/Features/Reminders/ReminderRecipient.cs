using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

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
