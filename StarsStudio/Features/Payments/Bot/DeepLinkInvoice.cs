using StarsStudio.Features.Messages;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Payments.Bot;

/// <summary>A deep link's invoice: the same order and invoice as the Buy button, or the same plain reason why not.</summary>
public sealed class DeepLinkInvoice(CheckoutService checkout, BotSender sender) : IDeepLinkInvoice
{
    public async Task<bool> SendInvoiceAsync(RunningBot bot, User buyer, PaidAction action, CancellationToken ct)
    {
        var start = await checkout.StartAsync(bot, buyer, action.Id, ct);
        if (!start.InvoiceSent)
        {
            using var about = start.Order is { } refused ? OrderMessageLog.About(refused.Id, OrderMessageKind.Refusal) : null;
            await sender.SendTextAsync(bot, buyer.Id, start.Problem!, SendPriority.Reply, ct: ct);
        }
        return start.InvoiceSent;
    }
}
