using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Support;

/// <summary>Staff actions on an order besides refunds: redeliver and mark resolved. Each is audited.</summary>
public sealed class OrderSupportService(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    Bot.BotClientAccessor bots,
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
        var rows = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToListAsync(ct);
        var events = OrderTimeline.Merge(order.Id, order.TransitionLog, rows);
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.Id).ToListAsync(ct);
        var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => j.OrderId == orderId).OrderBy(j => j.Id).ToListAsync(ct);
        var requests = await db.SupportRequests.AsNoTracking().Include(r => r.Messages).Where(r => r.OrderId == orderId).OrderBy(r => r.Id).ToListAsync(ct);
        return new(order, buyer, order.Action?.Name ?? $"action {order.ActionId}", version?.Terms.Title ?? "", events, payments, jobs, requests,
            WaitingReason(order, jobs));
    }

    /// <summary>A delivery only goes out through the bot that took the payment; say so while another one runs.</summary>
    private string? WaitingReason(Order order, IReadOnlyList<DeliveryJob> jobs)
    {
        if (!jobs.Any(j => j.Status is JobStatus.Pending or JobStatus.Running)) return null;
        var running = bots.Current;
        if (running?.BotId == order.BotId) return null;
        return running is null
            ? "The delivery waits: the bot is not running. It goes out as soon as it is."
            : $"The delivery waits for the bot that took this payment (id {order.BotId}); the bot running now ({(running.Connection.IsPractice ? "practice" : "live")}, id {running.BotId}) never delivers another bot's orders. Switch back in Settings and it goes out.";
    }

    public static bool CanRedeliver(Order o) => OrderTransitions.RequestRedelivery.Allows(o.Status);

    /// <summary>
    /// Queues a new delivery (the outbox job records who asked) and wakes the worker. One transaction: the order's
    /// state is checked by the lifecycle, and the database allows one active job per order, so a double click
    /// queues one.
    /// </summary>
    public async Task<ActionResult> RedeliverAsync(long orderId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new(false, "This order does not exist.");
        var now = clock.GetUtcNow();
        var outcome = await lifecycle.ApplyAsync(db, orderId, OrderTransitions.RequestRedelivery,
            new OrderChange(now, EventActor.Staff, $"Redelivery requested by {actor}: {reason}", actor), ct);
        if (!outcome.Applied)
        {
            order.Status = outcome.Status ?? order.Status; // a detached copy: what the order is now, for the message
            return new(false, $"Only delivered or failed orders can be delivered again; this one is {order.Describe()}.");
        }
        if (await db.DeliveryJobs.AnyAsync(j => j.OrderId == orderId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), ct))
            return new(false, AlreadyQueued);
        db.DeliveryJobs.Add(new DeliveryJob { OrderId = order.Id, BotId = order.BotId, Status = JobStatus.Pending, NextAttemptAt = now, CreatedAt = now, Reason = actor });
        AuditLog.Add(db, now, actor, "order", $"Redelivery of order {order.Code} requested. Reason: {reason}");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on active jobs: a concurrent click queued it first.
            return new(false, AlreadyQueued);
        }
        deliverySignal.Wake();
        notifier.Changed(order.Id, outcome.Status ?? order.Status);
        return new(true, $"Order {order.Code} is queued for delivery again.");
    }

    private const string AlreadyQueued = "A delivery for this order is already queued. Wait for it to finish, then look at the timeline.";

    /// <summary>Marks a failed delivery or an extra payment handled by hand: the order, its extra payments and the audit line in one transaction.</summary>
    public async Task<ActionResult> MarkResolvedAsync(long orderId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new(false, "This order does not exist.");
        if (order.Resolved) return new(true, $"Order {order.Code} was already marked resolved.");
        var now = clock.GetUtcNow();
        var outcome = await lifecycle.ApplyAsync(db, orderId, OrderTransitions.Resolve,
            new OrderChange(now, EventActor.Staff, $"Marked resolved by {actor}: {reason}", actor)
            {
                Set = new() { Resolved = true },
                OnlyIf = o => !o.Resolved,
            }, ct);
        if (!outcome.Applied)
            return await db.Orders.AnyAsync(o => o.Id == orderId && o.Resolved, ct)
                ? new(true, $"Order {order.Code} was already marked resolved.")
                : new(false, $"Order {order.Code} has nothing to resolve: it is {order.Describe()}.");
        // Extra payments of this order are handled together with it.
        await db.Payments.Where(p => p.OrderId == orderId && p.Match != PaymentMatch.Matched).ExecuteUpdateAsync(s => s.SetProperty(p => p.Resolved, true), ct);
        AuditLog.Add(db, now, actor, "order", $"Order {order.Code} marked resolved. Reason: {reason}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        notifier.Changed(order.Id, outcome.Status ?? order.Status);
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
