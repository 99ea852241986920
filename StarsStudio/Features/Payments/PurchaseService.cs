using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

public sealed record PurchaseStart(bool InvoiceSent, string? Problem, Order? Order);

/// <summary>
/// Buy → a fresh order → an invoice whose payload names that order alone (XTR, one price, no provider
/// token, no tips). Refuses early what pre-checkout would refuse anyway, with the same plain words.
/// </summary>
public sealed class PurchaseService(
    IDbContextFactory<StarsDbContext> dbFactory,
    InvoicePayloadSigner signer,
    BotSender sender,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<PurchaseService> logger)
{
    /// <param name="answers">The buyer's answers to a report's or service's questions, stored with the order.</param>
    public async Task<PurchaseStart> StartAsync(RunningBot bot, User buyer, int actionId, CancellationToken ct, IReadOnlyDictionary<string, string>? answers = null)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null || !action.IsOnSale(now))
            return new(false, "Sorry, this item is not on sale right now. Send /start to see what is available.", null);

        var holding = db.Orders.HoldingStockOf(actionId);
        if (action.StockLimit is { } stock && await holding.CountAsync(ct) >= stock)
            return new(false, "Sorry, this item is sold out.", null);
        if (action.PerBuyerLimit is { } perBuyer && await holding.CountAsync(o => o.BotId == bot.BotId && o.BuyerId == buyer.Id, ct) >= perBuyer)
            return new(false, "You already own this, the most one person can buy. Send /purchases to see it.", null);

        await BuyerDirectory.TouchAsync(db, bot.BotId, buyer, subscribe: false, now, ct);
        var order = new Order
        {
            Code = OrderCodes.New(), BotId = bot.BotId, BuyerId = buyer.Id, ActionId = action.Id, ActionVersion = action.Version,
            Kind = action.Kind, Stars = action.Terms.PriceStars, Status = OrderStatus.Created, CreatedAt = now,
            ExpiresAt = now.AddHours(action.InvoiceLifetimeHours),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        OrderTimeline.Add(db, order, now, EventActor.Buyer, "created", $"Tapped Buy on \"{action.Terms.Title}\" (version {action.Version}, ⭐{order.Stars})");
        if (answers is not null)
        {
            db.OrderInputs.Add(new Reports.OrderInput { OrderId = order.Id, Answers = new Dictionary<string, string>(answers), CreatedAt = now });
            OrderTimeline.Add(db, order, now, EventActor.Buyer, "answers", $"Answered {answers.Count} question{(answers.Count == 1 ? "" : "s")}");
        }

        var terms = action.Terms;
        try
        {
            var invoice = await sender.SendAsync(bot, buyer.Id, SendPriority.Reply, (client, token) => client.SendInvoice(
                chatId: buyer.Id,
                title: terms.Title,
                description: terms.Description,
                payload: signer.Sign(bot.BotId, order),
                currency: "XTR",
                prices: [new LabeledPrice(terms.Title, terms.PriceStars)],
                cancellationToken: token), ct);
            order.Status = OrderStatus.InvoiceSent;
            order.InvoiceMessageId = invoice.MessageId;
            OrderTimeline.Add(db, order, clock.GetUtcNow(), EventActor.Bot, "invoice", $"Invoice sent (message {invoice.MessageId}); valid until {order.ExpiresAt:u}");
        }
        catch (ApiRequestException e)
        {
            order.Status = OrderStatus.Cancelled;
            order.Problem = $"Telegram refused the invoice: {e.Message}";
            OrderTimeline.Add(db, order, clock.GetUtcNow(), EventActor.Telegram, "invoice-failed", order.Problem);
            logger.LogWarning("Invoice for order {Order} refused: {Reason}", order.Code, e.Message);
        }
        await db.SaveChangesAsync(ct);
        notifier.Changed(order.Id, order.Status);
        return order.Status == OrderStatus.InvoiceSent
            ? new(true, null, order)
            : new(false, "Sorry, we could not create the invoice. Please try again in a minute.", order);
    }
}
