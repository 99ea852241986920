using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

/// <summary>
/// One chat of one reminder. Marked Sending before the call and Sent after it, so a restart knows exactly who
/// may already have it: those stuck in Sending are never resent (at most once; see RemindersBroadcaster).
/// A Sending row carries its sender's claim: only that sender settles it, and only once its lease ran out does
/// another instance take it for interrupted (Data/ReminderRecipientClaims).
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
    /// <summary>The claim that marked it Sending; the sender's later writes name it, so a stale sender changes nothing.</summary>
    public Guid? ClaimToken { get; set; }
    /// <summary>Until when a Sending row's sender is taken to be alive; after it the row is settled as interrupted.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
