using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

public enum RecordOutcome { Recorded, DuplicateUpdate, DuplicateCharge }

public sealed record RecordResult(RecordOutcome Outcome, Payment? Payment, Order? Order);

/// <summary>
/// Records a successful_payment exactly once. In ONE transaction: the update id is marked processed, the
/// payment is stored under its unique charge id, the order becomes Paid, its timeline grows, and the
/// delivery job (the outbox entry) is written. A payment that matches no order is stored as unmatched for
/// support — a payment is never dropped.
/// </summary>
public sealed class PaymentRecorder(
    IDbContextFactory<StarsDbContext> dbFactory,
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
            ? await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BotId == botId, ct)
            : null;
        var match = Classify(botId, buyerId, paid, order);
        var payment = new Payment
        {
            ChargeId = paid.TelegramPaymentChargeId, ProviderChargeId = paid.ProviderPaymentChargeId, BotId = botId, BuyerId = buyerId,
            Currency = paid.Currency, TotalAmount = paid.TotalAmount, InvoicePayload = paid.InvoicePayload,
            OrderId = order?.Id, Match = match, UpdateId = updateId, ReceivedAt = now,
        };
        db.Payments.Add(payment);

        if (order is not null)
        {
            if (match == PaymentMatch.Matched)
            {
                order.Status = OrderStatus.Paid;
                order.PaidAt = now;
                order.ChargeId = paid.TelegramPaymentChargeId;
                order.Problem = null;
                order.ConcurrencyStamp = Guid.NewGuid();
                OrderTimeline.Add(db, order, now, EventActor.Telegram, "paid", $"Paid ⭐{paid.TotalAmount}; charge id {paid.TelegramPaymentChargeId}");
                db.DeliveryJobs.Add(new DeliveryJob { OrderId = order.Id, Status = JobStatus.Pending, NextAttemptAt = now, CreatedAt = now, Reason = "payment" });
            }
            else
            {
                OrderTimeline.Add(db, order, now, EventActor.Telegram, "payment-needs-support",
                    $"Another payment of ⭐{paid.TotalAmount} ({match}); charge id {paid.TelegramPaymentChargeId}. Support decides: refund or deliver.");
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // A concurrent duplicate won the unique index on the charge id: that one is the record.
            return new(RecordOutcome.DuplicateCharge, null, null);
        }
        return new(RecordOutcome.Recorded, payment, order);
    }

    private PaymentMatch Classify(long botId, long buyerId, SuccessfulPayment paid, Order? order)
    {
        if (order is null || !signer.Verify(paid.InvoicePayload, botId, order) || order.BuyerId != buyerId) return PaymentMatch.Unmatched;
        if (paid.Currency != "XTR" || paid.TotalAmount != order.Stars) return PaymentMatch.WrongAmount;
        // Telegram lets an invoice be paid more than once; the second charge must not be delivered silently.
        if (Order.PaidStates.Contains(order.Status) || order.Status == OrderStatus.Refunded || order.ChargeId is not null) return PaymentMatch.SecondPayment;
        return PaymentMatch.Matched;
    }
}
