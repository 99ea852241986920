using System.Collections.Concurrent;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The orders this instance approved at pre-checkout, as pre-checkout read them, so the payment that follows a moment
/// later can verify its payload without reading the order again. Only what never changes after Buy is trusted
/// from here (bot, buyer, action version, price, offer: what the payload signs); the status is decided by the Pay
/// transition's own conditional update, and anything but a clean match is decided again on a fresh read
/// (<see cref="PaymentRecorder"/>). Bounded: two generations of at most <see cref="Generation"/> orders each; an
/// order that fell out (or was approved on another instance) is simply read.
/// </summary>
public sealed class ApprovedOrders
{
    private const int Generation = 2048;
    private readonly Lock swap = new();
    private ConcurrentDictionary<long, Order> current = new();
    private ConcurrentDictionary<long, Order> previous = new();

    public void Remember(Order order)
    {
        if (current.Count >= Generation)
            lock (swap)
                if (current.Count >= Generation) (previous, current) = (current, new());
        current[order.Id] = order.Snapshot();
    }

    /// <summary>The order as approved here, once: a second payment of the same invoice reads it fresh.</summary>
    public Order? Take(long orderId) =>
        current.TryRemove(orderId, out var order) || previous.TryRemove(orderId, out order) ? order : null;
}
