using StarsStudio.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Support;

/// <summary>
/// refunded_payment service messages. Their `from` is the bot itself (aiogram#1692), so the buyer is the chat:
/// matched by chat id + charge id. Routed with the payments, before any text handler.
/// </summary>
public sealed class RefundedPaymentHandler(RefundService refunds) : IBotUpdateHandler
{

    public Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        return refunds.ApplyTelegramRefundAsync(update.Bot.BotId, message.Chat.Id, message.RefundedPayment!.TelegramPaymentChargeId, "refunded_payment message", ct);
    }
}
