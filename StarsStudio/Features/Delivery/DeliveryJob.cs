using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// The outbox entry that drives delivery. Written in the same transaction as the payment (or by support for a
/// redelivery), picked up by the <see cref="DeliveryWorker"/>, retried with backoff, resumed after a restart.
/// </summary>
public sealed class DeliveryJob
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    /// <summary>The order's bot: only that bot delivers it, and the job waits while that bot is not running.</summary>
    public long BotId { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>Until when the worker that claimed it owns it; after that another claim may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Set by the claim that owns the job now, so a claimer finds exactly the jobs it won.</summary>
    public Guid? ClaimToken { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Who asked: "payment" or a staff email for a redelivery.</summary>
    public required string Reason { get; set; }
    /// <summary>
    /// When the content went out, saved before the receipt is sent: an attempt cut short after it (a crash, a
    /// failed receipt) sends only the receipt next time instead of the content again.
    /// </summary>
    public DateTimeOffset? ContentSentAt { get; set; }
    /// <summary>What the content was ("100 credits", "the file plan.pdf"), for the receipt and the timeline.</summary>
    public string? ContentSummary { get; set; }
}
