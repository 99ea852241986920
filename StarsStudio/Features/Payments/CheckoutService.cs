using StarsStudio.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Buy → a fresh order → an invoice whose payload names that order alone (XTR, one price, no provider
/// token, no tips). Refuses early what pre-checkout would refuse anyway, with the same plain words.
/// </summary>
public sealed class CheckoutService(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    InvoicePayloadSigner signer,
    BotSender sender,
    OrderNotifier notifier,
    Offers.OfferPricing pricing,
    Languages.BuyerWords words,
    IOptionsMonitor<PaymentsOptions> options,
    TimeProvider clock,
    ILogger<CheckoutService> logger)
{
    /// <summary>Compiled once: every Buy reads its action.</summary>
    private static readonly CompiledPerModel<Func<StarsDbContext, int, Task<PaidAction?>>> ActionById = new(() =>
        EF.CompileAsyncQuery((StarsDbContext db, int id) => db.PaidActions.AsNoTracking().FirstOrDefault(a => a.Id == id)));

    /// <summary>The action a Buy tap names, as checkout reads it (null: no such action).</summary>
    public async Task<PaidAction?> FindActionAsync(int actionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ActionById.For(db)(db, actionId);
    }

    /// <param name="answers">The buyer's answers to a report's or service's questions, stored with the order.</param>
    public async Task<CheckoutStart> StartAsync(RunningBot bot, User buyer, int actionId, CancellationToken ct, IReadOnlyDictionary<string, string>? answers = null, string? code = null) =>
        await StartAsync(bot, buyer, await FindActionAsync(actionId, ct), ct, answers, code);

    /// <param name="action">Read by the caller just now (null: it does not exist).</param>
    /// <param name="answers">The buyer's answers to a report's or service's questions, stored with the order.</param>
    /// <param name="code">A promo code the buyer brought (card, link or text); its use is held here, at Buy.</param>
    /// <param name="subscribe">From /start: the buyer's touch also clears an earlier /stop.</param>
    public async Task<CheckoutStart> StartAsync(RunningBot bot, User buyer, PaidAction? action, CancellationToken ct, IReadOnlyDictionary<string, string>? answers = null, string? code = null, bool subscribe = false)
    {
        var now = clock.GetUtcNow();
        // The language the buyer sees from here on: the order keeps it for the receipt, delivery and refusals.
        var w = await words.ForAsync(buyer, ct);
        Order order;
        Offers.OfferQuote? quote;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (action is null || !action.IsOnSale(now))
                return new(false, w["item.not_on_sale"], null);
            if (await LimitProblemAsync(db, bot.BotId, buyer.Id, action, now, w, ct) is { } problem)
                return new(false, problem, null);
            quote = await pricing.QuoteAsync(db, bot.BotId, buyer.Id, action, code, now, ct);
            // The card said this code applied; if that changed since (expired, withdrawn, used up), say so and show
            // the card at today's price instead of sending an invoice at a price the buyer did not see.
            if (quote.CodeText is not null && quote.CodeRule != Offers.CodeRule.Applies)
                return new(false, Offers.OfferTexts.CodeNotApplied(quote.CodeRule, quote.CodeText, w), null, OfferLost: true);

            // The buyer, the order, its first lines and the answers: one transaction, no savepoints inside it.
            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BuyerDirectory.TouchAsync(db, bot.BotId, buyer, subscribe, now, ct);
            order = new Order
            {
                Code = OrderCodes.New(), BotId = bot.BotId, BuyerId = buyer.Id, ActionId = action.Id, ActionVersion = action.Version,
                Kind = action.Kind, Stars = quote.Stars, ListStars = quote.Discounted ? quote.ListStars : null, EarlyBird = quote.EarlyBird,
                Status = OrderStatus.Created, CreatedAt = now, BuyerLanguage = w.Code, ExpiresAt = now.AddHours(action.InvoiceLifetimeHours),
            };
            var offer = quote.Code is { } c ? $", code {c.Code}, list ⭐{quote.ListStars}" : quote.EarlyBird ? $", early-bird price, list ⭐{quote.ListStars}" : "";
            // The first lines go in with the INSERT (OrderTimeline): no timeline rows on the happy path.
            order.TransitionLog = OrderTimeline.Line(OrderEventKind.Created, now, EventActor.Buyer,
                $"Tapped Buy on \"{action.Terms.Title}\" (version {action.Version}, ⭐{order.Stars}{offer})");
            if (answers is not null)
                order.TransitionLog += OrderTimeline.Line(OrderEventKind.Answers, now, EventActor.Buyer,
                    $"Answered {answers.Count} question{(answers.Count == 1 ? "" : "s")}");
            db.Orders.Add(order);
            await db.SaveChangesAsync(ct);
            if (quote.Code is { } promo)
            {
                // The use is held here, by the database: the conditional update counts the other holders in the
                // same statement, so the last use goes to exactly one buyer, also across app instances.
                if (!await Offers.OfferLimits.TryHoldCodeAsync(db, order, promo, now, now - options.CurrentValue.PaymentWindow, ct))
                {
                    await tx.RollbackAsync(ct);
                    return new(false, Offers.OfferTexts.CodeTakenAtBuy(promo.Code, w), null, OfferLost: true);
                }
                order.PromoCodeId = promo.Id;
            }
            if (answers is not null)
            {
                db.OrderInputs.Add(new Reports.OrderInput { OrderId = order.Id, Answers = new Dictionary<string, string>(answers), CreatedAt = now });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }

        var terms = InvoiceTerms(action.Terms, w.Code);
        Message invoice;
        try
        {
            using var about = OrderMessageLog.About(order.Id, OrderMessageKind.Invoice);
            invoice = await sender.SendAsync(bot, buyer.Id, SendPriority.Invoice, (client, token) => client.SendInvoice(
                chatId: buyer.Id,
                title: terms.Title,
                description: terms.Description,
                payload: signer.Sign(bot.BotId, order),
                currency: "XTR",
                prices: [new LabeledPrice(Offers.OfferTexts.InvoiceLabel(terms.Title, quote?.Code?.Code, order.EarlyBird, w), order.Stars)],
                cancellationToken: token), ct);
        }
        catch (ApiRequestException e)
        {
            var reason = $"Telegram refused the invoice: {e.Message}";
            logger.LogWarning("Invoice for order {Order} refused: {Reason}", order.Code, e.Message);
            var failed = await lifecycle.ApplyAloneAsync(order.Id, OrderTransitions.FailInvoice,
                new OrderChange(clock.GetUtcNow(), EventActor.Telegram, reason) { Set = new() { Problem = ProblemUpdate.Set(reason) } }, CancellationToken.None);
            notifier.Changed(order.Id, failed.Status ?? OrderStatus.Cancelled);
            return new(false, w["invoice.failed"], order);
        }

        // The buyer may already have paid (Telegram answers sendInvoice after the message reached their phone):
        // then the order has moved on and only the invoice's message id and timeline line are added.
        var sentAt = clock.GetUtcNow();
        var change = new OrderChange(sentAt, EventActor.Bot, $"Invoice sent (message {invoice.MessageId}); valid until {order.ExpiresAt:u}")
        {
            Set = new() { InvoiceMessageId = invoice.MessageId },
        };
        var outcome = await lifecycle.ApplyAloneAsync(order.Id, OrderTransitions.SendInvoice, change, CancellationToken.None);
        if (!outcome.Applied)
            await lifecycle.InTransactionAsync(async db =>
            {
                await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.InvoiceMessageId, invoice.MessageId), ct);
                OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.InvoiceSent, change);
                return true;
            }, CancellationToken.None);
        order.Status = outcome.Status ?? OrderStatus.InvoiceSent;
        order.InvoiceMessageId = invoice.MessageId;
        notifier.Changed(order.Id, order.Status);
        return new(true, null, order);
    }

    /// <summary>
    /// The invoice in the buyer's language. Telegram refuses a title over 32 or a description over 255 characters
    /// (the editor checks every language at save); should a translation still not fit, the invoice uses the
    /// default-language text rather than fail.
    /// </summary>
    private static ActionTerms InvoiceTerms(ActionTerms terms, string language)
    {
        var translated = terms.InLanguage(language);
        return translated.Title.Length <= 32 && translated.Description.Length <= 255 ? translated : terms;
    }

    /// <summary>
    /// Stock and per-buyer limits, as Buy sees them (pre-checkout decides for real, in the database). "You already
    /// own this" only for a paid order; an approved, unpaid one is a payment in progress.
    /// </summary>
    private async Task<string?> LimitProblemAsync(StarsDbContext db, long botId, long buyerId, PaidAction action, DateTimeOffset now, Languages.Words w, CancellationToken ct)
    {
        if (action.StockLimit is null && action.PerBuyerLimit is null) return null;
        var holding = db.Orders.HoldingStockOf(botId, action.Id, now - options.CurrentValue.PaymentWindow);
        // The buyer's own holds first: someone paying for the last unit is told so, not that it sold out.
        if (action.PerBuyerLimit is { } perBuyer)
        {
            if (await db.Orders.PaidOf(botId, action.Id, buyerId).CountAsync(ct) >= perBuyer)
                return w["limit.own_max"];
            if (await holding.CountAsync(o => o.BuyerId == buyerId, ct) >= perBuyer)
                return w.T("limit.paying", ("minutes", options.CurrentValue.PaymentWindowMinutes));
        }
        if (action.StockLimit is { } stock && await holding.CountAsync(ct) >= stock)
            return w["limit.sold_out"];
        return null;
    }
}
