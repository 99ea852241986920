using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Delivery;

/// <summary>Credits granted by one paid order. Spends take from the earliest-expiring grant first.</summary>
public sealed class CreditGrant
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>Unique: a paid order grants its credits exactly once, however often delivery runs.</summary>
    public long OrderId { get; set; }
    public int Amount { get; set; }
    public int Remaining { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
