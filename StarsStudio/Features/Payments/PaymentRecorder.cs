using Microsoft.Data.Sqlite;
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
    TimeProvider clock)
{
    public async Task<RecordResult> RecordAsync(long botId, int updateId, long buyerId, SuccessfulPayment paid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        if (!await UpdateDeduplicator.MarkProcessedAsync(db, botId, updateId, now, ct))
            return new(RecordOutcome.DuplicateUpdate, null, null);
        if (await db.Payments.AnyAsync(p => p.ChargeId == paid.TelegramPaymentChargeId, ct))
        {
            // Same charge in a different update: keep the update marked, change nothing else.
            await tx.CommitAsync(ct);
            return new(RecordOutcome.DuplicateCharge, null, null);
        }

        var order = InvoicePayloadSigner.TryReadOrderId(paid.InvoicePayload, out var orderId)
            ? await db.Orders.AsNoTracking().Include(o => o.Action).FirstOrDefaultAsync(o => o.Id == orderId && o.BotId == botId, ct)
            : null;
        var match = Classify(botId, buyerId, paid, order);
        if (order is not null && match == PaymentMatch.Matched)
        {
            var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.Pay,
                new OrderChange(now, EventActor.Telegram, $"Paid ⭐{paid.TotalAmount}; charge id {paid.TelegramPaymentChargeId}")
                {
                    Set = s => s.SetProperty(o => o.PaidAt, now).SetProperty(o => o.ChargeId, paid.TelegramPaymentChargeId).SetProperty(o => o.Problem, (string?)null),
                }, ct);
            if (outcome.Applied)
            {
                order.ChargeId = paid.TelegramPaymentChargeId;
                db.DeliveryJobs.Add(new DeliveryJob { OrderId = order.Id, BotId = botId, Status = JobStatus.Pending, NextAttemptAt = now, CreatedAt = now, Reason = "payment" });
                await FlagIfOversoldAsync(db, order, now, ct);
            }
            else match = PaymentMatch.SecondPayment; // another charge paid it a moment ago
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
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // A concurrent duplicate won the unique index on the charge id: that one is the record (this rolls back).
            return new(RecordOutcome.DuplicateCharge, null, null);
        }
        return new(RecordOutcome.Recorded, payment, order);
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
