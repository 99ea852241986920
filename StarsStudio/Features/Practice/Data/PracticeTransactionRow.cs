using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>
/// A row of getStarTransactions: a payment (incoming) or a refund (outgoing, reusing the payment's id), a paid
/// broadcast's charge (telegram_api), or any other kind a test seeds through the control API.
/// </summary>
public sealed class PracticeTransactionRow
{
    public long Seq { get; set; }
    public long BotId { get; set; }
    public required string TransactionId { get; set; }
    public long Amount { get; set; }
    public bool Outgoing { get; set; }
    public long UserId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset Date { get; set; }
    /// <summary>The partner's type: "user" for payments and refunds.</summary>
    public string PartnerType { get; set; } = "user";
    /// <summary>A user partner's transaction_type.</summary>
    public string? TransactionType { get; set; } = "invoice_payment";
    public long NanostarAmount { get; set; }
    /// <summary>telegram_api: how many paid messages the charge covers.</summary>
    public int? RequestCount { get; set; }
    /// <summary>A seeded partner as JSON, sent as it is (so tests can send kinds and fields this app does not know).</summary>
    public string? PartnerJson { get; set; }
}
