namespace StarsStudio.Features.Payments;

/// <summary>
/// Tells open dashboard pages that an order changed (eShop WebhookClient's pattern): pages subscribe, refresh
/// through InvokeAsync, and unsubscribe on dispose.
/// </summary>
public sealed class OrderNotifier
{
    public event Action<long, OrderStatus>? OrderChanged;

    public void Changed(long orderId, OrderStatus status)
    {
        try { OrderChanged?.Invoke(orderId, status); }
        catch (Exception) { /* a page's handler must never break a payment path */ }
    }
}
