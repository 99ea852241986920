using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>Everything the order page shows about one order.</summary>
public sealed record OrderDetails(Order Order, Buyer? Buyer, string ActionName, string ActionTitle, IReadOnlyList<OrderEvent> Events,
    IReadOnlyList<Payment> Payments, IReadOnlyList<DeliveryJob> Jobs, IReadOnlyList<SupportRequest> Requests);

public sealed record ActionResult(bool Succeeded, string Message);

/// <summary>Staff actions on an order besides refunds: redeliver and mark resolved. Each is audited.</summary>
public sealed class OrderSupportService(
    IDbContextFactory<StarsDbContext> dbFactory,
    DeliverySignal deliverySignal,
    AuditLog audit,
    OrderNotifier notifier,
    TimeProvider clock)
{
    public async Task<OrderDetails?> DetailsAsync(long orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Action).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return null;
        var buyer = await db.Buyers.AsNoTracking().FirstOrDefaultAsync(b => b.BotId == order.BotId && b.TelegramUserId == order.BuyerId, ct);
        var version = await db.PaidActionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ActionId == order.ActionId && v.Version == order.ActionVersion, ct);
        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.Id).ToListAsync(ct);
        var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => j.OrderId == orderId).OrderBy(j => j.Id).ToListAsync(ct);
        var requests = await db.SupportRequests.AsNoTracking().Include(r => r.Messages).Where(r => r.OrderId == orderId).OrderBy(r => r.Id).ToListAsync(ct);
        return new(order, buyer, order.Action?.Name ?? $"action {order.ActionId}", version?.Terms.Title ?? "", events, payments, jobs, requests);
    }

    public static bool CanRedeliver(Order o) => o.Status is OrderStatus.DeliveryFailed or OrderStatus.Delivered;

    /// <summary>Queues a new delivery (the outbox job records who asked) and wakes the worker.</summary>
    public async Task<ActionResult> RedeliverAsync(long orderId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new(false, "This order does not exist.");
        if (!CanRedeliver(order)) return new(false, $"Only delivered or failed orders can be delivered again; this one is {order.Describe()}.");
        if (await db.DeliveryJobs.AnyAsync(j => j.OrderId == orderId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), ct))
            return new(false, "A delivery for this order is already queued. Wait for it to finish, then look at the timeline.");
        var now = clock.GetUtcNow();
        db.DeliveryJobs.Add(new DeliveryJob { OrderId = order.Id, Status = JobStatus.Pending, NextAttemptAt = now, CreatedAt = now, Reason = actor });
        OrderTimeline.Add(db, order, now, EventActor.Staff, "redeliver", $"Redelivery requested by {actor}: {reason}", actor);
        order.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.WriteAsync(actor, "order", $"Redelivery of order {order.Code} requested. Reason: {reason}", CancellationToken.None);
        deliverySignal.Wake();
        notifier.Changed(order.Id, order.Status);
        return new(true, $"Order {order.Code} is queued for delivery again.");
    }

    public async Task<ActionResult> MarkResolvedAsync(long orderId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new(false, "This order does not exist.");
        if (order.Resolved) return new(true, $"Order {order.Code} was already marked resolved.");
        var now = clock.GetUtcNow();
        order.Resolved = true;
        order.ConcurrencyStamp = Guid.NewGuid();
        OrderTimeline.Add(db, order, now, EventActor.Staff, "resolved", $"Marked resolved by {actor}: {reason}", actor);
        // Extra payments of this order are handled together with it.
        await db.Payments.Where(p => p.OrderId == orderId && p.Match != PaymentMatch.Matched).ExecuteUpdateAsync(s => s.SetProperty(p => p.Resolved, true), ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, "Someone else changed this order at the same moment. Reload it and try again."); }
        await audit.WriteAsync(actor, "order", $"Order {order.Code} marked resolved. Reason: {reason}", CancellationToken.None);
        notifier.Changed(order.Id, order.Status);
        return new(true, $"Order {order.Code} is marked resolved.");
    }

    public async Task<ActionResult> ResolvePaymentAsync(long paymentId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return new(false, "This payment does not exist.");
        payment.Resolved = true;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "support", $"Payment {payment.ChargeId} (⭐{payment.TotalAmount}, {payment.Match}) marked handled. Reason: {reason}", CancellationToken.None);
        return new(true, "The payment is marked as handled.");
    }
}
