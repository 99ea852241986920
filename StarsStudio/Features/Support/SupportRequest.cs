using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>A buyer's /paysupport request: what they wrote, which order it is about, and the replies.</summary>
public sealed class SupportRequest
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>The order the buyer picked, or null for "Something else".</summary>
    public long? OrderId { get; set; }
    public SupportRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public List<SupportMessage> Messages { get; set; } = [];
}
