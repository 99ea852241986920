using StarsStudio.Data;

namespace StarsStudio.Features.Payments;

/// <summary>Appends timeline events; every state change writes one in the same unit of work.</summary>
public static class OrderTimeline
{
    public static void Add(StarsDbContext db, Order order, DateTimeOffset at, EventActor actor, string kind, string detail, string? actorName = null) =>
        db.OrderEvents.Add(new OrderEvent { OrderId = order.Id, At = at, Actor = actor, ActorName = actorName, Kind = kind, Detail = detail });
}
