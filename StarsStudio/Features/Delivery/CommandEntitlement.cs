using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Delivery;

/// <summary>Uses of a paid command bought by one order.</summary>
public sealed class CommandEntitlement
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>Unique: granted exactly once per paid order.</summary>
    public long OrderId { get; set; }
    public int ActionId { get; set; }
    public int ActionVersion { get; set; }
    public required string CommandName { get; set; }
    public int UsesTotal { get; set; }
    public int UsesLeft { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
