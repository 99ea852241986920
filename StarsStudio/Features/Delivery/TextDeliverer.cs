using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Delivery;

/// <summary>Private text or checklist, in Telegram HTML.</summary>
public sealed class TextDeliverer(BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.PrivateText;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) => !string.IsNullOrWhiteSpace(form.TextContent);

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var text = c.Terms.TextContent ?? throw new DeliveryProblemException("The action has no text.");
        var withReceipt = Receipts.WithFooter(text, c.Order);
        if (withReceipt.Length <= Receipts.MaxMessageLength)
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, withReceipt, SendPriority.Delivery, parseMode: ParseMode.Html, ct: ct);
        else
        {
            // A text near Telegram's length limit cannot carry the receipt: two messages. A crash between them sends
            // the text again on retry (its sending is recorded after both), which is rare and only a repeat.
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, text, SendPriority.Delivery, parseMode: ParseMode.Html, ct: ct);
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, c.ReceiptFooter, SendPriority.Delivery, ct: ct);
        }
        return $"\"{c.Terms.Title}\"";
    }
}
