using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

/// <summary>One line of an order's timeline.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public DateTimeOffset At { get; set; }
    public EventActor Actor { get; set; }
    /// <summary>Who exactly, for staff actions (email).</summary>
    public string? ActorName { get; set; }
    public OrderEventKind Kind { get; set; }
    public required string Detail { get; set; }
}
