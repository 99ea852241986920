namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// One allowed change of an order: the states it may start from, the state it leads to (null: the status stays,
/// as for "mark resolved") and the timeline line it writes.
/// </summary>
public sealed record OrderTransition(string Name, OrderStatus[] From, OrderStatus? To, OrderEventKind Event)
{
    public bool Allows(OrderStatus status) => From.Contains(status);
    public override string ToString() => Name;
}
