using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>One difference between Telegram's Star transactions and our payments, kept until support fixes it.</summary>
public sealed class ReconciliationFinding
{
    public long Id { get; set; }
    public FindingKind Kind { get; set; }
    /// <summary>The bot whose ledger it came from: practice and live findings never mix.</summary>
    public long BotId { get; set; }
    public required string ChargeId { get; set; }
    public long? BuyerId { get; set; }
    public long Amount { get; set; }
    /// <summary>The invoice payload Telegram reported, so a missing payment can be recorded and delivered.</summary>
    public string? InvoicePayload { get; set; }
    public DateTimeOffset? TransactionAt { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public required string Detail { get; set; }
}
