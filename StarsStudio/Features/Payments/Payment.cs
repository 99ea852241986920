using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Every successful_payment Telegram reported, stored exactly once by its charge id — including payments
/// that match no order, which are kept for support instead of being dropped.
/// </summary>
public sealed class Payment
{
    public long Id { get; set; }
    public required string ChargeId { get; set; }
    public string? ProviderChargeId { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public required string Currency { get; set; }
    public long TotalAmount { get; set; }
    public required string InvoicePayload { get; set; }
    public long? OrderId { get; set; }
    public PaymentMatch Match { get; set; }
    public int UpdateId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    /// <summary>
    /// Set while one refund of this charge is being asked of Telegram: a second click, a second staff member or a
    /// second instance waits for it instead of calling Telegram again. A claim of a crashed process runs out.
    /// </summary>
    public DateTimeOffset? RefundClaimUntil { get; set; }
    /// <summary>Support handled an unmatched payment (delivered by hand or refunded).</summary>
    public bool Resolved { get; set; }
}
