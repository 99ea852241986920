using StarsStudio.Features.Messages;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Support;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Payments;

/// <summary>
/// successful_payment messages: routed before any other handler. Records the payment exactly once, wakes
/// the delivery worker, refunds a second payment of an already paid order at once, and tells the buyer when a
/// payment needs support (never silently).
/// </summary>
public sealed class SuccessfulPaymentHandler(
    PaymentRecorder recorder,
    RefundService refunds,
    DeliverySignal deliverySignal,
    OrderNotifier notifier,
    BotSender sender,
    IOptionsMonitor<PaymentsOptions> options,
    ILogger<SuccessfulPaymentHandler> logger) : IBotUpdateHandler
{
    /// <summary>Who the audit log names for refunds the app makes by itself.</summary>
    public const string AutomaticActor = "StarsStudio (automatic)";

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        var buyerId = message.From?.Id ?? message.Chat.Id;
        var result = await recorder.RecordAsync(update.Bot.BotId, update.Update.Id, buyerId, message.SuccessfulPayment!, ct);
        // Whatever the outcome, the recorder marked the update (in its transaction): the router need not.
        update.MarkedInTransaction();
        switch (result)
        {
            case { Outcome: not RecordOutcome.Recorded }:
                logger.LogInformation("Payment update {UpdateId} was a duplicate ({Outcome})", update.Update.Id, result.Outcome);
                return;
            case { Payment.Match: PaymentMatch.Matched, Order: { } order }:
                notifier.Changed(order.Id, OrderStatus.Paid);
                deliverySignal.Wake();
                return;
            case { Payment: { Match: PaymentMatch.SecondPayment } payment, Order: { } paidOrder } when options.CurrentValue.RefundDuplicatePayments:
                notifier.Changed(paidOrder.Id, paidOrder.Status);
                await RefundSecondPaymentAsync(update, payment, paidOrder, ct);
                return;
            case { Payment: { } payment }:
                logger.LogWarning("Payment {ChargeId} needs support: {Match}", payment.ChargeId, payment.Match);
                if (result.Order is { } o) notifier.Changed(o.Id, o.Status);
                await TellNeedsSupportAsync(update, payment, result.Order, ct);
                return;
        }
    }

    /// <summary>
    /// Telegram lets one invoice be paid twice; the buyer already has what they paid for, so the extra charge goes
    /// back at once. If Telegram does not refund it now, it waits in the support inbox like any unmatched payment.
    /// </summary>
    private async Task RefundSecondPaymentAsync(BotUpdate update, Payment payment, Order order, CancellationToken ct)
    {
        var refund = await refunds.RefundPaymentAsync(payment.Id, AutomaticActor, $"order {order.Code} was already paid: this invoice was paid a second time", ct);
        if (!refund.Succeeded)
        {
            logger.LogWarning("Second payment {ChargeId} of order {Order} could not be refunded automatically: {Problem}", payment.ChargeId, order.Code, refund.Message);
            await TellNeedsSupportAsync(update, payment, order, ct);
            return;
        }
        using var about = OrderMessageLog.About(order.Id, OrderMessageKind.RefundNotice);
        await sender.SendTextAsync(update.Bot, update.Update.Message!.Chat.Id,
            Languages.BotWords.For(order.BuyerLanguage).T("payment.paid_twice", ("code", order.Code), ("stars", payment.TotalAmount)),
            SendPriority.Delivery, ct: ct);
    }

    private Task TellNeedsSupportAsync(BotUpdate update, Payment payment, Order? order, CancellationToken ct) =>
        sender.SendTextAsync(update.Bot, update.Update.Message!.Chat.Id,
            WordsFor(update, order).T("payment.unmatched", ("stars", payment.TotalAmount), ("code", order?.Code ?? WordsFor(update, order)["payment.your_payment"])),
            SendPriority.Delivery, ct: ct);

    /// <summary>The order's language, else the payer's Telegram language (English when neither is known).</summary>
    private static Languages.Words WordsFor(BotUpdate update, Order? order) =>
        order?.BuyerLanguage is { } language ? Languages.BotWords.For(language) : Languages.BotWords.For(update.Update.Message?.From?.LanguageCode, null);
}
