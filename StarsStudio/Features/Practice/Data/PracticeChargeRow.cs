using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>A successful Stars payment (telegram_payment_charge_id) and whether it was refunded.</summary>
public sealed class PracticeChargeRow
{
    public required string ChargeId { get; set; }
    public long BotId { get; set; }
    public long UserId { get; set; }
    public long Amount { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
}
