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
        // The action was read by the caller just now, and the checkout's transaction touches the buyer as /start
        // does (clearing an earlier /stop): a statement and a round trip less each.
        var start = await checkout.StartAsync(bot, buyer, action, ct, subscribe: true);
        if (!start.InvoiceSent)
        {
            using var about = start.Order is { } refused ? OrderMessageLog.About(refused.Id, OrderMessageKind.Refusal) : null;
            await sender.SendTextAsync(bot, buyer.Id, start.Problem!, SendPriority.Reply, ct: ct);
        }
        return start.InvoiceSent;
    }
}
