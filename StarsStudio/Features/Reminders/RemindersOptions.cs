using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Reminders;

/// <summary>The broadcaster's own pace, on top of the bot-wide budget in Telegram:Outbound.</summary>
public sealed class RemindersOptions
{
    public const string Section = "Reminders";
    /// <summary>Reminder messages per second; Telegram allows about 30/s for free.</summary>
    public double MessagesPerSecond { get; set; } = 25;
    /// <summary>With allow_paid_broadcast Telegram allows up to 1000/s (0.1 Star per message above 30/s).</summary>
    public double PaidMessagesPerSecond { get; set; } = 1000;
    /// <summary>Sends in flight at once, so Telegram's round-trip time does not cap the rate.</summary>
    public int MaxInFlight { get; set; } = 16;
    /// <summary>
    /// How long a recipient marked Sending belongs to its sender. Once it runs out (the sender died, or lost the
    /// broadcaster lock mid-call) the row is settled as interrupted, never resent, and the reminder can finish.
    /// Longer than Telegram:RequestTimeoutSeconds (60 s by default), so a slow call of a living sender is not taken for dead.
    /// </summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 120;
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    /// <summary>Telegram's free bulk rate, for the paid-broadcast cost estimate.</summary>
    public const int FreePerSecond = 30;
    public const decimal StarsPerPaidMessage = 0.1m;
}
