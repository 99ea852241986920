using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

public enum RecordOutcome { Recorded, DuplicateUpdate, DuplicateCharge }

public sealed record RecordResult(RecordOutcome Outcome, Payment? Payment, Order? Order);

/// <summary>
/// Records a successful_payment exactly once. In ONE transaction: the update id is marked processed, the
/// payment is stored under its unique charge id, the order becomes Paid through the lifecycle (also when the
/// payment comes late: after the invoice expired or its hold was released), its timeline grows, and the
/// delivery job (the outbox entry) is written. A payment that matches no order is stored as unmatched for
/// support — a payment is never dropped.
/// </summary>
public sealed class PaymentRecorder(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    InvoicePayloadSigner signer,
    ApprovedOrders approvedOrders,
    TimeProvider clock)
{
    /// <summary>
    /// Every outcome leaves the update marked processed (in the same transaction when recorded), so the router
    /// need not mark it again; an exception leaves it unmarked, to come again.
    /// </summary>
    public async Task<RecordResult> RecordAsync(long botId, int updateId, long buyerId, SuccessfulPayment paid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One transaction that rolls back whole: no savepoint around the save (two statements saved per payment).
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        if (!await UpdateDeduplicator.MarkProcessedAsync(db, botId, updateId, now, ct))
            return new(RecordOutcome.DuplicateUpdate, null, null);
        // No look-up of the charge id first: its unique index decides (see the catch below), which the same charge in
        // another update reaches only in a rare redelivery; the common payment saves a read.

        var readable = InvoicePayloadSigner.TryReadOrderId(paid.InvoicePayload, out var orderId);
        // The order as pre-checkout approved it here a moment ago, if it did: a clean match then needs no read. Anything
        // else (no such copy, not a match, the transition refused) is decided again on the order as it is now.
        var order = readable ? approvedOrders.Take(orderId) : null;
        var (match, paidNow) = order is null ? (PaymentMatch.Unmatched, false) : await TryPayAsync(db, botId, buyerId, paid, order, now, ct);
        if (!paidNow)
        {
            order = readable ? await OrderQueries.WithAction(db, orderId, botId) : null;
            (match, paidNow) = await TryPayAsync(db, botId, buyerId, paid, order, now, ct);
        }
        if (paidNow && order is not null)
        {
            order.ChargeId = paid.TelegramPaymentChargeId;
            db.DeliveryJobs.Add(new DeliveryJob { OrderId = order.Id, BotId = botId, Status = JobStatus.Pending, NextAttemptAt = now, CreatedAt = now, Reason = "payment" });
            await FlagIfOversoldAsync(db, order, now, ct);
        }
        if (order is not null && match != PaymentMatch.Matched)
            OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.ExtraPayment, new OrderChange(now, EventActor.Telegram,
                $"Another payment of ⭐{paid.TotalAmount} ({match}); charge id {paid.TelegramPaymentChargeId}."));

        var payment = new Payment
        {
            ChargeId = paid.TelegramPaymentChargeId, ProviderChargeId = paid.ProviderPaymentChargeId, BotId = botId, BuyerId = buyerId,
            Currency = paid.Currency, TotalAmount = paid.TotalAmount, InvoicePayload = paid.InvoicePayload,
            OrderId = order?.Id, Match = match, UpdateId = updateId, ReceivedAt = now,
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The charge is recorded already (another update, or a concurrent duplicate that won the unique index):
            // that one is the record. This transaction rolls back whole; the update is marked on its own.
            await tx.RollbackAsync(CancellationToken.None);
            await using var again = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await UpdateDeduplicator.MarkProcessedAsync(again, botId, updateId, now, CancellationToken.None);
            return new(RecordOutcome.DuplicateCharge, null, null);
        }
        return new(RecordOutcome.Recorded, payment, order);
    }

    /// <summary>
    /// Classifies the payment against this copy of the order and, for a clean match, records it through the Pay
    /// transition, whose conditional update checks the order's real status. Paid: the transition applied. A match
    /// whose transition was refused means another charge paid the order a moment ago.
    /// </summary>
    private async Task<(PaymentMatch Match, bool Paid)> TryPayAsync(StarsDbContext db, long botId, long buyerId, SuccessfulPayment paid, Order? order, DateTimeOffset now, CancellationToken ct)
    {
        var match = Classify(botId, buyerId, paid, order);
        if (order is null || match != PaymentMatch.Matched) return (match, false);
        var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.Pay,
            new OrderChange(now, EventActor.Telegram, $"Paid ⭐{paid.TotalAmount}; charge id {paid.TelegramPaymentChargeId}")
            {
                // Telegram charges only after an approval: a payment that overtook the approval's write (pre-checkout
                // answers first and writes beside its lane) still counts as approved.
                Set = new() { PaidAt = now, ChargeId = paid.TelegramPaymentChargeId, Problem = ProblemUpdate.Clear, ApprovedAtIfUnset = now },
            }, ct);
        return outcome.Applied ? (PaymentMatch.Matched, true) : (PaymentMatch.SecondPayment, false);
    }

    /// <summary>
    /// A payment that came after its approval's hold was released may sell one unit more than the stock: it is
    /// still delivered (the buyer paid), and support sees it on the order and decides whether to refund.
    /// </summary>
    private static async Task FlagIfOversoldAsync(StarsDbContext db, Order order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.Action?.StockLimit is not { } stock) return;
        var sold = await db.Orders.CountAsync(o => o.BotId == order.BotId && o.ActionId == order.ActionId && Order.PaidStates.Contains(o.Status), ct);
        if (sold <= stock) return;
        var problem = $"{OversoldProblem} of {stock}: this payment arrived after its hold on stock was released. It is delivered; refund it if you cannot honour it.";
        await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Problem, problem), ct);
        OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.Oversold, new OrderChange(now, EventActor.System, problem));
    }

    /// <summary>How an oversold order's problem starts; a later successful delivery keeps it (support still decides).</summary>
    public const string OversoldProblem = "Sold past the stock";

    private PaymentMatch Classify(long botId, long buyerId, SuccessfulPayment paid, Order? order)
    {
        if (order is null || !signer.Verify(paid.InvoicePayload, botId, order) || order.BuyerId != buyerId) return PaymentMatch.Unmatched;
        if (paid.Currency != "XTR" || paid.TotalAmount != order.Stars) return PaymentMatch.WrongAmount;
        // Telegram lets an invoice be paid more than once; the second charge must not be delivered again.
        if (!OrderTransitions.Pay.Allows(order.Status) || order.ChargeId is not null) return PaymentMatch.SecondPayment;
        return PaymentMatch.Matched;
    }
}
