using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Support;

/// <summary>
/// Refunds an order through refundStarPayment exactly once, then takes back what it delivered: the credit grant's
/// remaining credits (never below zero) and the paid command's remaining uses. Also applies Telegram's own
/// refunded_payment messages and reconciliation fixes. One refund of a charge at a time is decided by the
/// database (a claim on the payment row), so a double click, two staff members or two instances call Telegram once.
/// </summary>
public sealed class RefundService(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    BotClientAccessor bots,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<RefundService> logger)
{
    public const string AlreadyRefundedError = "CHARGE_ALREADY_REFUNDED";

    /// <summary>How long one refund may hold its claim; a claim of a process that died runs out after this.</summary>
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(60);
    /// <summary>How long a second request waits for the first one's answer before saying "in progress".</summary>
    private static readonly TimeSpan ClaimWait = TimeSpan.FromSeconds(20);

    private static readonly OrderStatus[] Refundable = [.. Order.PaidStates];

    public async Task<RefundPreview> PreviewAsync(long orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new(false, "This order does not exist.", 0, 0, 0, 0, 0);
        var why = WhyNot(order);
        var grant = await db.CreditGrants.AsNoTracking().FirstOrDefaultAsync(g => g.OrderId == orderId, ct);
        var uses = await db.CommandEntitlements.AsNoTracking().FirstOrDefaultAsync(e => e.OrderId == orderId, ct);
        var spent = grant is null || grant.RevokedAt is not null ? 0 : grant.Amount - grant.Remaining;
        return new(why is null, why, order.Stars, grant?.Amount ?? 0, spent,
            uses?.UsesLeft ?? 0, uses is null ? 0 : uses.UsesTotal - uses.UsesLeft);
    }

    private static string? WhyNot(Order order) => order switch
    {
        { Status: OrderStatus.Refunded } => "This order is already refunded.",
        { ChargeId: null } => "This order was never paid, so there is nothing to refund.",
        _ when !Refundable.Contains(order.Status) => $"Orders that are {order.Describe()} cannot be refunded.",
        _ => null,
    };

    /// <summary>
    /// Refunds the order. With credits already spent, staff must pass <paramref name="acceptShortfall"/>: the
    /// remaining credits are revoked, the spent ones are gone, and the balance never goes below zero.
    /// </summary>
    public async Task<RefundResult> RefundOrderAsync(long orderId, string actor, string reason, bool acceptShortfall, CancellationToken ct = default)
    {
        var order = await ReadOrderAsync(orderId, ct);
        if (order is null) return new(RefundOutcome.NotRefundable, "This order does not exist.");
        if (order.Status == OrderStatus.Refunded) return AlreadyRefunded(order);
        if (WhyNot(order) is { } why) return new(RefundOutcome.NotRefundable, why);
        var chargeId = order.ChargeId!;

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var grant = await db.CreditGrants.AsNoTracking().FirstOrDefaultAsync(g => g.OrderId == order.Id, ct);
            var spent = grant is null || grant.RevokedAt is not null ? 0 : grant.Amount - grant.Remaining;
            if (spent > 0 && !acceptShortfall)
                return new(RefundOutcome.NeedsShortfallDecision,
                    $"The buyer already spent {spent} of the {grant!.Amount} credits from this order. Refunding takes back the {grant.Remaining} left; the spent ones cannot be taken back.");
        }
        if (OrdersBot(order.BotId) is not { } bot) return BotNotRunning(order.BotId);

        switch (await ClaimAsync(chargeId, ct))
        {
            case ClaimResult.AlreadyRefunded: return AlreadyRefunded(order);
            case ClaimResult.Busy: return new(RefundOutcome.TelegramRefused, "Another refund of this order is being sent to Telegram right now. Look at the order again in a minute.");
            case ClaimResult.NoPayment: return new(RefundOutcome.NotRefundable, "No payment is recorded for this order's charge, so it cannot be refunded from here.");
        }
        // Re-read under the claim: Telegram's own refund message may have been recorded meanwhile.
        order = (await ReadOrderAsync(orderId, ct))!;
        if (order.Status == OrderStatus.Refunded)
        {
            await ReleaseClaimAsync(chargeId);
            return AlreadyRefunded(order);
        }

        var already = false;
        try
        {
            await bot.Client.RefundStarPayment(order.BuyerId, chargeId, ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains(AlreadyRefundedError, StringComparison.OrdinalIgnoreCase))
        {
            // Refunded before (from another device, an earlier attempt whose answer was lost): the goal is reached.
            already = true;
        }
        catch (RequestException e)
        {
            var answered = e is ApiRequestException;
            logger.LogWarning("Refund of order {Order} {What}: {Error}", order.Code, answered ? "refused by Telegram" : "got no answer from Telegram", e.Message);
            var detail = answered ? $"Telegram refused the refund: {e.Message}" : $"Telegram did not answer the refund request ({e.Message}).";
            await ReleaseClaimAsync(chargeId, db => OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.RefundFailed, new OrderChange(clock.GetUtcNow(), EventActor.Staff, detail, actor)));
            return new(RefundOutcome.TelegramRefused, answered
                ? $"Telegram refused the refund: {e.Message}. Nothing was changed; check the charge id or try again later."
                : "Telegram did not answer, so the refund may or may not have happened. Press Refund again in a minute: a repeated refund is safe.");
        }

        var note = already ? " Telegram said it was already refunded; recorded as refunded." : "";
        var reversal = await RecordRefundAsync(order, actor, reason, note, ct);
        notifier.Changed(order.Id, OrderStatus.Refunded);
        return reversal is null
            ? new(RefundOutcome.Refunded, $"Telegram refunded order {order.Code}, but saving it failed; reconciliation will record it. Do not refund it again.")
            : new(already ? RefundOutcome.AlreadyRefunded : RefundOutcome.Refunded, $"Order {order.Code} was refunded.{reversal}{note}");
    }

    /// <summary>
    /// Telegram has refunded: the order becomes Refunded, its grants and queued deliveries end and the audit line is
    /// written, in one transaction. Money went back already, so this is retried on fresh contexts until it is
    /// stored; null when it could not be (reconciliation finds it later). Returns the reversal notes.
    /// </summary>
    private async Task<string?> RecordRefundAsync(Order order, string actor, string reason, string note, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                return await lifecycle.InTransactionAsync(async db =>
                {
                    var now = clock.GetUtcNow();
                    var detail = $"Refunded ⭐{order.Stars} by {actor}: {reason}.{note}";
                    var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.Refund,
                        new OrderChange(now, EventActor.Staff, detail, actor) { Set = new() { RefundedAt = now } }, ct);
                    // Telegram's refund message may have been recorded first: the staff refund still gets its line.
                    if (!outcome.Applied) OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.Refunded, new OrderChange(now, EventActor.Staff, detail, actor));
                    var reversal = await TakeBackAsync(db, order, now, EventActor.Staff, actor);
                    await MarkPaymentRefundedAsync(db, order.ChargeId!, now, ct);
                    AuditLog.Add(db, now, actor, "refund",
                        $"Refunded order {order.Code} (⭐{order.Stars}, charge {order.ChargeId}) to buyer {order.BuyerId}. Reason: {reason}.{reversal}{note}");
                    return reversal;
                }, CancellationToken.None);
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException && attempt < 5)
            {
                logger.LogWarning(e, "Telegram refunded order {Order} but saving it failed (attempt {Attempt}); trying again", order.Code, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "Telegram refunded order {Order} (charge {ChargeId}) but it could not be recorded; reconciliation will find it", order.Code, order.ChargeId);
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Refunds a payment that matches no order (or is a second payment of one): nothing was delivered for it.
    /// </summary>
    public async Task<RefundResult> RefundPaymentAsync(long paymentId, string actor, string reason, CancellationToken ct = default)
    {
        Payment? payment;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return new(RefundOutcome.NotRefundable, "This payment does not exist.");
        if (payment.Match == PaymentMatch.Matched && payment.OrderId is { } orderId) return await RefundOrderAsync(orderId, actor, reason, acceptShortfall: true, ct);
        if (payment.RefundedAt is not null) return new(RefundOutcome.AlreadyRefunded, "This payment is already refunded.");
        if (OrdersBot(payment.BotId) is not { } bot) return BotNotRunning(payment.BotId);

        switch (await ClaimAsync(payment.ChargeId, ct))
        {
            case ClaimResult.AlreadyRefunded: return new(RefundOutcome.AlreadyRefunded, "This payment is already refunded.");
            case ClaimResult.Busy: return new(RefundOutcome.TelegramRefused, "Another refund of this payment is being sent to Telegram right now. Look again in a minute.");
        }
        var already = false;
        try { await bot.Client.RefundStarPayment(payment.BuyerId, payment.ChargeId, ct); }
        catch (ApiRequestException e) when (e.Message.Contains(AlreadyRefundedError, StringComparison.OrdinalIgnoreCase)) { already = true; }
        catch (ApiRequestException e) { await ReleaseClaimAsync(payment.ChargeId); return new(RefundOutcome.TelegramRefused, $"Telegram refused the refund: {e.Message}. Nothing was changed."); }
        catch (RequestException e) { await ReleaseClaimAsync(payment.ChargeId); return new(RefundOutcome.TelegramRefused, $"Telegram did not answer ({e.Message}). Try again in a minute: a repeated refund is safe."); }

        await lifecycle.InTransactionAsync(async db =>
        {
            var now = clock.GetUtcNow();
            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RefundedAt, now).SetProperty(p => p.Resolved, true).SetProperty(p => p.RefundClaimUntil, (DateTimeOffset?)null), ct);
            if (payment.OrderId is { } linked)
                OrderLifecycle.AddEvent(db, linked, OrderEventKind.ExtraPaymentRefunded, new OrderChange(now, EventActor.Staff,
                    $"Refunded the extra payment ⭐{payment.TotalAmount} (charge {payment.ChargeId}): {reason}", actor));
            AuditLog.Add(db, now, actor, "refund", $"Refunded unmatched payment {payment.ChargeId} (⭐{payment.TotalAmount}, {payment.Match}) to buyer {payment.BuyerId}. Reason: {reason}.");
            return true;
        }, CancellationToken.None);
        if (payment.OrderId is { } order) notifier.Changed(order, OrderStatus.Paid);
        return new(already ? RefundOutcome.AlreadyRefunded : RefundOutcome.Refunded, $"Payment {payment.ChargeId} was refunded.");
    }

    /// <summary>
    /// Telegram says the charge was refunded (refunded_payment message, or a reconciliation fix). Idempotent:
    /// whether it comes before or after a staff refund, the order ends Refunded once and credits are revoked once.
    /// </summary>
    public async Task<bool> ApplyTelegramRefundAsync(long botId, long chatId, string chargeId, string source, CancellationToken ct = default)
    {
        var order = await lifecycle.InTransactionAsync<Order?>(async db =>
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.BotId == botId && p.ChargeId == chargeId && p.BuyerId == chatId, ct);
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.BotId == botId && o.ChargeId == chargeId && o.BuyerId == chatId, ct);
            if (payment is null && order is null)
            {
                logger.LogWarning("Telegram reported a refund of charge {ChargeId} we never recorded", chargeId);
                return null;
            }
            var changed = payment is { RefundedAt: null } && await MarkPaymentRefundedAsync(db, chargeId, now, ct, resolve: payment.Match != PaymentMatch.Matched);
            if (order is not null)
            {
                var confirmed = new OrderChange(now, EventActor.Telegram, $"Telegram reports the payment was refunded ({source}).");
                var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.ConfirmRefund, confirmed with { Set = new() { RefundedAt = now } }, ct);
                if (outcome.Applied)
                {
                    await TakeBackAsync(db, order, now, EventActor.Telegram, null);
                    changed = true;
                }
                else if (outcome.Status == OrderStatus.Refunded && !await OrderTimeline.HasLineAsync(db, order.Id, OrderEventKind.RefundConfirmed, ct))
                {
                    OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.RefundConfirmed, confirmed with { Detail = $"Telegram confirmed the refund ({source})." });
                    changed = true;
                }
            }
            return changed ? order : null;
        }, ct);
        if (order is not null) notifier.Changed(order.Id, OrderStatus.Refunded);
        return order is not null;
    }

    /// <summary>Takes back what the order granted and ends its queued or running deliveries, in the caller's transaction.</summary>
    private static async Task<string> TakeBackAsync(StarsDbContext db, Order order, DateTimeOffset now, EventActor actor, string? actorName)
    {
        var notes = new List<string>();
        var grant = await db.CreditGrants.FirstOrDefaultAsync(g => g.OrderId == order.Id && g.RevokedAt == null);
        if (grant is not null)
        {
            var spent = grant.Amount - grant.Remaining;
            notes.Add(spent > 0
                ? $"Revoked {grant.Remaining} credits; {spent} were already spent and could not be taken back."
                : $"Revoked {grant.Amount} credits.");
            grant.Remaining = 0;
            grant.RevokedAt = now;
        }
        var uses = await db.CommandEntitlements.FirstOrDefaultAsync(e => e.OrderId == order.Id && e.RevokedAt == null);
        if (uses is not null)
        {
            notes.Add($"Revoked {uses.UsesLeft} remaining use{(uses.UsesLeft == 1 ? "" : "s")} of /{uses.CommandName}.");
            uses.UsesLeft = 0;
            uses.RevokedAt = now;
        }
        // A delivery still queued or running must not go on after the money went back; the worker re-checks too.
        await db.DeliveryJobs.Where(j => j.OrderId == order.Id && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Done).SetProperty(j => j.LastError, "Order was refunded before delivery."));
        if (notes.Count > 0) OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.RefundReversal, new OrderChange(now, actor, string.Join(" ", notes), actorName));
        return notes.Count > 0 ? " " + string.Join(" ", notes) : "";
    }

    /// <summary>Marks the charge's payment refunded (once) and ends any refund claim on it.</summary>
    private static async Task<bool> MarkPaymentRefundedAsync(StarsDbContext db, string chargeId, DateTimeOffset now, CancellationToken ct, bool resolve = false)
    {
        var marked = await db.Payments.Where(p => p.ChargeId == chargeId && p.RefundedAt == null).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(p => p.RefundedAt, now);
            if (resolve) s.SetProperty(p => p.Resolved, true);
        }, ct);
        await db.Payments.Where(p => p.ChargeId == chargeId && p.RefundClaimUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundClaimUntil, (DateTimeOffset?)null), ct);
        return marked > 0;
    }

    private enum ClaimResult { Claimed, AlreadyRefunded, Busy, NoPayment }

    /// <summary>
    /// Claims the right to ask Telegram to refund this charge, as a conditional update of its payment row. A second
    /// caller waits for the first one's outcome (refunded → already refunded; released → it claims in turn).
    /// </summary>
    private async Task<ClaimResult> ClaimAsync(string chargeId, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + ClaimWait;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var claimed = await db.Payments
                .Where(p => p.ChargeId == chargeId && p.RefundedAt == null && (p.RefundClaimUntil == null || p.RefundClaimUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundClaimUntil, now + ClaimLifetime), ct);
            if (claimed == 1) return ClaimResult.Claimed;
            var state = await db.Payments.AsNoTracking().Where(p => p.ChargeId == chargeId).Select(p => new { p.RefundedAt }).FirstOrDefaultAsync(ct);
            if (state is null) return ClaimResult.NoPayment;
            if (state.RefundedAt is not null) return ClaimResult.AlreadyRefunded;
            if (clock.GetUtcNow() >= deadline) return ClaimResult.Busy;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    /// <summary>Gives the claim back (Telegram refused or did not answer), with an optional line in the same transaction.</summary>
    private Task ReleaseClaimAsync(string chargeId, Action<StarsDbContext>? alsoWrite = null) =>
        lifecycle.InTransactionAsync(async db =>
        {
            alsoWrite?.Invoke(db);
            return await db.Payments.Where(p => p.ChargeId == chargeId).ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundClaimUntil, (DateTimeOffset?)null));
        }, CancellationToken.None);

    private async Task<Order?> ReadOrderAsync(long orderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
    }

    /// <summary>Refunds go through the bot that took the payment, never another one.</summary>
    private RunningBot? OrdersBot(long botId) => bots.Current is { } bot && bot.BotId == botId ? bot : null;

    private RefundResult BotNotRunning(long botId) => new(RefundOutcome.BotNotRunning, bots.Current is null
        ? "The bot is not running, so Telegram cannot be asked to refund. Check the status chip and Settings, then try again."
        : $"This payment was made to another bot (id {botId}) than the one running now, and only that bot can refund it. Switch back to it in Settings, then try again.");

    private static RefundResult AlreadyRefunded(Order order) =>
        new(RefundOutcome.AlreadyRefunded, $"Order {order.Code} is already refunded; nothing was sent to Telegram.");
}
