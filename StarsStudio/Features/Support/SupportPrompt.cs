using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// A buyer who tapped an order in /paysupport and whose next text message is the description of the problem.
/// One per buyer: a newer tap replaces the older one.
/// </summary>
public sealed class SupportPrompt
{
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public long? OrderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
