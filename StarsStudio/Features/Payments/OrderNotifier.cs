namespace StarsStudio.Features.Payments;

/// <summary>
/// Tells open dashboard pages that an order changed (eShop WebhookClient's pattern): pages subscribe, refresh
/// through InvokeAsync, and unsubscribe on dispose.
/// </summary>
public sealed class OrderNotifier
{
    public event Action<long, OrderStatus>? OrderChanged;

    /// <summary>On PostgreSQL, passes each change on to the other instances (Data/PostgresOrderRelay).</summary>
    internal Action<long, OrderStatus>? Relay { get; set; }

    public void Changed(long orderId, OrderStatus status)
    {
        Raise(orderId, status);
        Relay?.Invoke(orderId, status);
    }

    /// <summary>A change made here or, through the relay, on another instance.</summary>
    internal void Raise(long orderId, OrderStatus status)
    {
        try { OrderChanged?.Invoke(orderId, status); }
        catch (Exception) { /* a page's handler must never break a payment path */ }
    }
}
