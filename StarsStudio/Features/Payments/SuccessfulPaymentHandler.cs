using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Delivery;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Payments;

/// <summary>
/// successful_payment messages: routed before any other handler. Records the payment exactly once, wakes
/// the delivery worker, and tells the buyer when a payment needs support (never silently).
/// </summary>
public sealed class SuccessfulPaymentHandler(
    PaymentRecorder recorder,
    DeliverySignal deliverySignal,
    OrderNotifier notifier,
    BotSender sender,
    ILogger<SuccessfulPaymentHandler> logger) : IBotUpdateHandler
{
    public RouteStage Stage => RouteStage.Payment;

    public bool CanHandle(Update update) => update.Message?.SuccessfulPayment is not null;

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        var buyerId = message.From?.Id ?? message.Chat.Id;
        var result = await recorder.RecordAsync(update.Bot.BotId, update.Update.Id, buyerId, message.SuccessfulPayment!, ct);
        switch (result)
        {
            case { Outcome: not RecordOutcome.Recorded }:
                logger.LogInformation("Payment update {UpdateId} was a duplicate ({Outcome})", update.Update.Id, result.Outcome);
                return;
            case { Payment.Match: Payments.PaymentMatch.Matched, Order: { } order }:
                notifier.Changed(order.Id, order.Status);
                deliverySignal.Wake();
                return;
            case { Payment: { } payment }:
                logger.LogWarning("Payment {ChargeId} needs support: {Match}", payment.ChargeId, payment.Match);
                if (result.Order is { } o) notifier.Changed(o.Id, o.Status);
                var reference = result.Order?.Code ?? "your payment";
                await sender.SendTextAsync(update.Bot, message.Chat.Id,
                    $"We received your payment of ⭐{payment.TotalAmount}, but it does not match an open order ({reference}). " +
                    "Nothing is lost: our support team will deliver it or refund you. You can also write to /paysupport.",
                    SendPriority.Delivery, ct: ct);
                return;
        }
    }
}
