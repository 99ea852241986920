using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>A row of getStarTransactions: a payment (incoming) or a refund (outgoing).</summary>
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
}
