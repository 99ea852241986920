using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Support;

/// <summary>What a refund would take back, shown before staff confirm.</summary>
public sealed record RefundPreview(
    bool CanRefund, string? Why, int Stars, int CreditsGranted, int CreditsSpent, int CommandUsesLeft, int CommandUsesSpent)
{
    /// <summary>Credits the buyer already spent: they cannot be taken back, so the refund costs the creator them.</summary>
    public int Shortfall => CreditsSpent;
}

public enum RefundOutcome { Refunded, AlreadyRefunded, NeedsShortfallDecision, NotRefundable, TelegramRefused, BotNotRunning }

public sealed record RefundResult(RefundOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is RefundOutcome.Refunded or RefundOutcome.AlreadyRefunded;
}

/// <summary>
/// Refunds an order through refundStarPayment exactly once, then takes back what it delivered: the credit grant's
/// remaining credits (never below zero) and the paid command's remaining uses. Also applies Telegram's own
/// refunded_payment messages and reconciliation fixes, under the same per-charge lock.
/// </summary>
public sealed class RefundService(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotClientAccessor bots,
    ChargeLocks locks,
    AuditLog audit,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<RefundService> logger)
{
    public const string AlreadyRefundedError = "CHARGE_ALREADY_REFUNDED";

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
        string chargeId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var peek = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (peek is null) return new(RefundOutcome.NotRefundable, "This order does not exist.");
            if (peek.Status == OrderStatus.Refunded) return new(RefundOutcome.AlreadyRefunded, $"Order {peek.Code} is already refunded; nothing was sent to Telegram.");
            if (peek.ChargeId is null) return new(RefundOutcome.NotRefundable, WhyNot(peek)!);
            chargeId = peek.ChargeId;
        }

        using var held = await locks.AcquireAsync(chargeId, ct);
        await using var work = await dbFactory.CreateDbContextAsync(ct);
        // Re-read under the lock: a second click or another staff member may have refunded it meanwhile.
        var order = await work.Orders.FirstAsync(o => o.Id == orderId, ct);
        if (order.Status == OrderStatus.Refunded) return new(RefundOutcome.AlreadyRefunded, $"Order {order.Code} is already refunded; nothing was sent to Telegram.");
        if (WhyNot(order) is { } why) return new(RefundOutcome.NotRefundable, why);

        var grant = await work.CreditGrants.FirstOrDefaultAsync(g => g.OrderId == order.Id, ct);
        var spent = grant is null || grant.RevokedAt is not null ? 0 : grant.Amount - grant.Remaining;
        if (spent > 0 && !acceptShortfall)
            return new(RefundOutcome.NeedsShortfallDecision,
                $"The buyer already spent {spent} of the {grant!.Amount} credits from this order. Refunding takes back the {grant.Remaining} left; the spent ones cannot be taken back.");

        if (bots.Current is not { } bot) return new(RefundOutcome.BotNotRunning, "The bot is not running, so Telegram cannot be asked to refund. Check the status chip and Settings, then try again.");
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
        catch (ApiRequestException e)
        {
            logger.LogWarning("Refund of order {Order} refused by Telegram: {Error}", order.Code, e.Message);
            OrderTimeline.Add(work, order, clock.GetUtcNow(), EventActor.Staff, "refund-failed", $"Telegram refused the refund: {e.Message}", actor);
            await work.SaveChangesAsync(CancellationToken.None);
            return new(RefundOutcome.TelegramRefused, $"Telegram refused the refund: {e.Message}. Nothing was changed; check the charge id or try again later.");
        }
        catch (RequestException e)
        {
            // No answer: Telegram may or may not have refunded. Trying again is safe (CHARGE_ALREADY_REFUNDED counts as done).
            logger.LogWarning("Refund of order {Order} got no answer from Telegram: {Error}", order.Code, e.Message);
            OrderTimeline.Add(work, order, clock.GetUtcNow(), EventActor.Staff, "refund-failed", $"Telegram did not answer the refund request ({e.Message}).", actor);
            await work.SaveChangesAsync(CancellationToken.None);
            return new(RefundOutcome.TelegramRefused, "Telegram did not answer, so the refund may or may not have happened. Press Refund again in a minute: a repeated refund is safe.");
        }

        var note = already ? " Telegram said it was already refunded; recorded as refunded." : "";
        var reversal = await ApplyRefundAsync(work, order, EventActor.Staff, actor, $"Refunded ⭐{order.Stars} by {actor}: {reason}.{note}", ct);
        await work.SaveChangesAsync(CancellationToken.None);
        await audit.WriteAsync(actor, "refund", $"Refunded order {order.Code} (⭐{order.Stars}, charge {chargeId}) to buyer {order.BuyerId}. Reason: {reason}.{reversal}{note}", CancellationToken.None);
        notifier.Changed(order.Id, order.Status);
        return new(already ? RefundOutcome.AlreadyRefunded : RefundOutcome.Refunded, $"Order {order.Code} was refunded.{reversal}{note}");
    }

    /// <summary>
    /// Refunds a payment that matches no order (or is a second payment of one): nothing was delivered for it.
    /// </summary>
    public async Task<RefundResult> RefundPaymentAsync(long paymentId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var peek = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (peek is null) return new(RefundOutcome.NotRefundable, "This payment does not exist.");
        if (peek.Match == PaymentMatch.Matched && peek.OrderId is { } orderId) return await RefundOrderAsync(orderId, actor, reason, acceptShortfall: true, ct);

        using var held = await locks.AcquireAsync(peek.ChargeId, ct);
        var payment = await db.Payments.FirstAsync(p => p.Id == paymentId, ct);
        if (payment.RefundedAt is not null) return new(RefundOutcome.AlreadyRefunded, "This payment is already refunded.");
        if (bots.Current is not { } bot) return new(RefundOutcome.BotNotRunning, "The bot is not running, so Telegram cannot be asked to refund. Check the status chip and Settings, then try again.");
        var already = false;
        try { await bot.Client.RefundStarPayment(payment.BuyerId, payment.ChargeId, ct); }
        catch (ApiRequestException e) when (e.Message.Contains(AlreadyRefundedError, StringComparison.OrdinalIgnoreCase)) { already = true; }
        catch (ApiRequestException e) { return new(RefundOutcome.TelegramRefused, $"Telegram refused the refund: {e.Message}. Nothing was changed."); }
        catch (RequestException e) { return new(RefundOutcome.TelegramRefused, $"Telegram did not answer ({e.Message}). Try again in a minute: a repeated refund is safe."); }

        var now = clock.GetUtcNow();
        payment.RefundedAt = now;
        payment.Resolved = true;
        if (payment.OrderId is { } linked && await db.Orders.FirstOrDefaultAsync(o => o.Id == linked, ct) is { } order)
            OrderTimeline.Add(db, order, now, EventActor.Staff, "refunded-extra-payment", $"Refunded the extra payment ⭐{payment.TotalAmount} (charge {payment.ChargeId}): {reason}", actor);
        await db.SaveChangesAsync(CancellationToken.None);
        await audit.WriteAsync(actor, "refund", $"Refunded unmatched payment {payment.ChargeId} (⭐{payment.TotalAmount}) to buyer {payment.BuyerId}. Reason: {reason}.", CancellationToken.None);
        return new(already ? RefundOutcome.AlreadyRefunded : RefundOutcome.Refunded, $"Payment {payment.ChargeId} was refunded.");
    }

    /// <summary>
    /// Telegram says the charge was refunded (refunded_payment message, or a reconciliation fix). Idempotent:
    /// whether it comes before or after a staff refund, the order ends Refunded once and credits are revoked once.
    /// </summary>
    public async Task<bool> ApplyTelegramRefundAsync(long chatId, string chargeId, string source, CancellationToken ct = default)
    {
        using var held = await locks.AcquireAsync(chargeId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.ChargeId == chargeId && p.BuyerId == chatId, ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.ChargeId == chargeId && o.BuyerId == chatId, ct);
        if (payment is null && order is null)
        {
            logger.LogWarning("Telegram reported a refund of charge {ChargeId} we never recorded", chargeId);
            return false;
        }
        var changed = false;
        if (payment is { RefundedAt: null })
        {
            payment.RefundedAt = now;
            if (payment.Match != PaymentMatch.Matched) payment.Resolved = true;
            changed = true;
        }
        if (order is not null)
        {
            if (order.Status != OrderStatus.Refunded)
            {
                await ApplyRefundAsync(db, order, EventActor.Telegram, null, $"Telegram reports the payment was refunded ({source}).", ct);
                changed = true;
            }
            else if (!await db.OrderEvents.AnyAsync(e => e.OrderId == order.Id && e.Kind == "refund-confirmed", ct))
            {
                OrderTimeline.Add(db, order, now, EventActor.Telegram, "refund-confirmed", $"Telegram confirmed the refund ({source}).");
                changed = true;
            }
        }
        if (!changed) return false;
        await db.SaveChangesAsync(CancellationToken.None);
        if (order is not null) notifier.Changed(order.Id, order.Status);
        return true;
    }

    /// <summary>Marks the order refunded and takes back what it granted, in the caller's unit of work.</summary>
    private async Task<string> ApplyRefundAsync(StarsDbContext db, Order order, EventActor actor, string? actorName, string detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        order.Status = OrderStatus.Refunded;
        order.RefundedAt = now;
        order.ConcurrencyStamp = Guid.NewGuid();
        OrderTimeline.Add(db, order, now, actor, actor == EventActor.Telegram ? "refund-confirmed" : "refunded", detail, actorName);

        var payment = await db.Payments.FirstOrDefaultAsync(p => p.ChargeId == order.ChargeId, ct);
        if (payment is not null) payment.RefundedAt ??= now;

        var notes = new List<string>();
        var grant = await db.CreditGrants.FirstOrDefaultAsync(g => g.OrderId == order.Id && g.RevokedAt == null, ct);
        if (grant is not null)
        {
            var spent = grant.Amount - grant.Remaining;
            notes.Add(spent > 0
                ? $"Revoked {grant.Remaining} credits; {spent} were already spent and could not be taken back."
                : $"Revoked {grant.Amount} credits.");
            grant.Remaining = 0;
            grant.RevokedAt = now;
        }
        var uses = await db.CommandEntitlements.FirstOrDefaultAsync(e => e.OrderId == order.Id && e.RevokedAt == null, ct);
        if (uses is not null)
        {
            notes.Add($"Revoked {uses.UsesLeft} remaining use{(uses.UsesLeft == 1 ? "" : "s")} of /{uses.CommandName}.");
            uses.UsesLeft = 0;
            uses.RevokedAt = now;
        }
        // A delivery still queued must not run after the money went back.
        var pending = await db.DeliveryJobs.Where(j => j.OrderId == order.Id && j.Status == JobStatus.Pending).ToListAsync(ct);
        foreach (var job in pending) { job.Status = JobStatus.Done; job.LastError = "Order was refunded before delivery."; }
        if (notes.Count > 0) OrderTimeline.Add(db, order, now, actor, "refund-reversal", string.Join(" ", notes), actorName);
        return notes.Count > 0 ? " " + string.Join(" ", notes) : "";
    }
}
