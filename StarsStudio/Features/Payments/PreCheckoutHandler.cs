using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Answers pre_checkout_query on its own lane (Telegram gives 10 s): reads the order and action, applies the
/// guardrail, answers, and records the decision through the lifecycle. The lane's threads only read: every write
/// (and any wait for the database's write lock another buyer holds) runs on the thread pool, beside the lane.
/// </summary>
public sealed class PreCheckoutHandler(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    InvoicePayloadSigner signer,
    OrderNotifier notifier,
    ApprovedOrders approvedOrders,
    Offers.Bot.FreshInvoiceOffer freshInvoice,
    Settings.SettingsService settings,
    IOptionsMonitor<PaymentsOptions> options,
    TimeProvider clock,
    ILogger<PreCheckoutHandler> logger) : IBotUpdateHandler
{

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.PreCheckoutQuery!;
        var botId = update.Bot.BotId;
        GuardrailDecision decision;
        Order? order = null;
        var decidedAt = clock.GetUtcNow();
        string? creatorDefault = null;
        try
        {
            // Cached after the first read, so the fast path does not wait on it.
            creatorDefault = (await settings.GetAsync(ct)).DefaultLanguage;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var readable = InvoicePayloadSigner.TryReadOrderId(query.InvoicePayload, out var orderId);
            order = readable ? await OrderQueries.WithAction(db, orderId, botId) : null;
            if (order?.Action is { StockLimit: not null } or { PerBuyerLimit: not null } || order is { PromoCodeId: not null } or { EarlyBird: true })
            {
                // Limits (stock, per buyer, a code's uses, early-bird units): the database decides and records the
                // approval before the answer, so two buyers (or two processes) can never both be approved for the
                // last one. Its writes wait on the thread pool.
                var limited = order;
                decision = await Task.Run(() => DecideLimitedAsync(db, botId, query, limited, readable, creatorDefault, ct), ct);
                if (decision.Approve) approvedOrders.Remember(limited);
                await AnswerAsync(update, query, decision, ct);
                notifier.Changed(order.Id, order.Status);
                if (Offers.OfferRules.IsOfferRule(decision.Rule))
                    _ = Task.Run(() => freshInvoice.SendAsync(update.Bot, limited, CancellationToken.None), CancellationToken.None);
                return;
            }
            decision = Decide(botId, query, order, readable, 0, 0, creatorDefault);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refuse rather than let the buyer wait 10 s for a timeout; nothing is charged either way.
            logger.LogError(e, "Pre-checkout {QueryId} could not be checked", query.Id);
            await AnswerAsync(update, query, GuardrailDecision.Refuse("error", Languages.BotWords.For(order?.BuyerLanguage ?? Languages.BuyerLanguages.Resolve(query.From.LanguageCode, creatorDefault).Code)["refuse.error"]), ct);
            return;
        }
        // No limits: answer first (the buyer is waiting on the payment sheet), then write the decision. The payment
        // that follows within moments finds the order as read here.
        if (decision.Approve && order is not null) approvedOrders.Remember(order);
        await AnswerAsync(update, query, decision, ct);
        if (order is null)
        {
            logger.LogWarning("Pre-checkout {QueryId} refused: {Rule}", query.Id, decision.Rule);
            return;
        }
        // Written beside the lane: the next buyer's answer does not wait for this write (or for the write lock).
        var answered = order;
        _ = Task.Run(() => RecordAnsweredAsync(answered, query, decision, decidedAt, ct), CancellationToken.None);
    }

    /// <param name="decidedAt">When the answer was decided: the timeline keeps it before the payment it allowed.</param>
    private async Task RecordAnsweredAsync(Order order, PreCheckoutQuery query, GuardrailDecision decision, DateTimeOffset decidedAt, CancellationToken ct)
    {
        try
        {
            var status = decision.Approve
                ? await RecordApprovalAsync(order, query, decidedAt, ct)
                : await lifecycle.InTransactionAsync(db => RecordAsync(db, order, query, decision, null, ct, decidedAt), ct);
            notifier.Changed(order.Id, status);
        }
        catch (Exception e)
        {
            // The buyer has their answer; a lost timeline line must not make the update come back.
            logger.LogError(e, "Pre-checkout {QueryId} answered but not written to order {Order}'s timeline", query.Id, order.Code);
        }
    }

    /// <summary>
    /// An approval without limits has nothing to commit beside it: the Approve transition commits by itself. If the
    /// payment already moved the order on (pre-checkout answers first and writes beside its lane), the line is kept anyway.
    /// </summary>
    private async Task<OrderStatus> RecordApprovalAsync(Order order, PreCheckoutQuery query, DateTimeOffset decidedAt, CancellationToken ct)
    {
        var approved = Approval(order, query, decidedAt);
        var outcome = await lifecycle.ApplyAloneAsync(order.Id, OrderTransitions.Approve, approved, ct);
        if (outcome.Applied) return outcome.Status!.Value;
        await lifecycle.InTransactionAsync(db =>
        {
            OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.PreCheckoutApproved, approved);
            return Task.FromResult(true);
        }, ct);
        return outcome.Status ?? order.Status;
    }

    private static OrderChange Approval(Order order, PreCheckoutQuery query, DateTimeOffset now) =>
        new(now, EventActor.Bot, $"Approved ⭐{query.TotalAmount} for {Who(order, query)}") { Set = new() { ApprovedAt = now } };

    private static string Who(Order order, PreCheckoutQuery query) => query.From.Id == order.BuyerId ? "the buyer" : $"user {query.From.Id}";

    /// <summary>
    /// Answers once. A query Telegram no longer knows (too old, forged, answered) cannot be answered again, and
    /// retrying it would only hold up the updates behind it, so a failed answer is logged, never rethrown.
    /// </summary>
    private async Task AnswerAsync(BotUpdate update, PreCheckoutQuery query, GuardrailDecision decision, CancellationToken ct)
    {
        try
        {
            await update.Client.AnswerPreCheckoutQuery(query.Id, decision.Approve ? null : decision.BuyerMessage, ct);
        }
        catch (Exception e) when (e is Telegram.Bot.Exceptions.RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Also seen for a query answered once already (redelivered after a restart): then the first answer stands.
            logger.LogWarning("Pre-checkout {QueryId} could not be answered ({Problem}); unless an earlier answer reached Telegram, it cancels the payment and nothing is charged", query.Id, TelegramErrors.Describe(e));
        }
    }

    /// <param name="creatorDefault">For a refusal without an order (or an order from before languages): the paying user's language through the chain.</param>
    private GuardrailDecision Decide(long botId, PreCheckoutQuery query, Order? order, bool readable, int heldForAction, int heldByBuyer, string? creatorDefault, Offers.OfferFacts? offer = null) =>
        PreCheckoutGuardrail.Evaluate(new GuardrailInput(
            query.From.Id, query.Currency, query.TotalAmount, readable,
            order is not null && signer.Verify(query.InvoicePayload, botId, order),
            order, order?.Action, heldForAction, heldByBuyer, clock.GetUtcNow(), offer,
            order?.BuyerLanguage ?? Languages.BuyerLanguages.Resolve(query.From.LanguageCode, creatorDefault).Code));

    /// <summary>
    /// Decides on the counts as read, then approves with a conditional update that checks the same counts again
    /// in the database. The loser of a race re-reads and decides again (usually: sold out).
    /// </summary>
    private async Task<GuardrailDecision> DecideLimitedAsync(StarsDbContext db, long botId, PreCheckoutQuery query, Order order, bool readable, string? creatorDefault, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var since = clock.GetUtcNow() - options.CurrentValue.PaymentWindow;
            var holding = db.Orders.HoldingStockOf(botId, order.ActionId, since, exceptOrderId: order.Id);
            var heldForAction = await holding.CountAsync(ct);
            var heldByBuyer = await holding.CountAsync(o => o.BuyerId == order.BuyerId, ct);
            var offer = order.PromoCodeId is not null || order.EarlyBird ? await Offers.OfferLimits.FactsAsync(db, order, clock.GetUtcNow(), since, ct) : null;
            var decision = Decide(botId, query, order, readable, heldForAction, heldByBuyer, creatorDefault, offer);
            var status = await lifecycle.InTransactionAsync(tx => RecordAsync(tx, order, query, decision, since, ct, offer: offer), ct);
            order.Status = status;
            if (!decision.Approve || status == OrderStatus.Approved) return decision;
            if (attempt == 2)
                return order.PromoCodeId is not null || order.EarlyBird
                    ? Offers.OfferRules.AtPreCheckout(order, offer, clock.GetUtcNow()) ?? OfferRaceLost(order, offer)
                    : GuardrailDecision.Refuse("sold-out", Languages.BotWords.For(order.BuyerLanguage)["refuse.sold_out"]);
            // Someone else took the last unit (or the order moved on) between the read and the update: read again.
            order = await db.Orders.AsNoTracking().Include(o => o.Action).FirstAsync(o => o.Id == order.Id, ct);
        }
    }

    /// <summary>
    /// Writes the decision: a limited approval through the conditional Approve transition, with the limits checked in
    /// the same statement (an unlimited one is <see cref="RecordApprovalAsync"/>); a refusal that concerns this invoice ends it;
    /// a refusal about someone else's attempt only adds a line. Returns the order's status afterwards.
    /// </summary>
    private async Task<OrderStatus> RecordAsync(StarsDbContext db, Order order, PreCheckoutQuery query, GuardrailDecision decision, DateTimeOffset? limitsSince, CancellationToken ct,
        DateTimeOffset? decidedAt = null, Offers.OfferFacts? offer = null)
    {
        var now = decidedAt ?? clock.GetUtcNow();
        if (decision.Approve)
        {
            var approved = Approval(order, query, now) with
            {
                OnlyIf = limitsSince is { } since ? Offers.OfferLimits.And(
                    order.Action is { StockLimit: not null } or { PerBuyerLimit: not null } ? WithinLimits(db, order, since) : null,
                    offer is null ? null : Offers.OfferLimits.ApprovalCondition(db, order, offer, now, since)) : null,
            };
            if (limitsSince is not null)
            {
                // Always in this order (action, then code), so two approvals never wait on each other's lock.
                await StockLock.HoldAsync(db, order.ActionId, ct);
                if (order.PromoCodeId is { } codeId) await PromoCodeLock.HoldAsync(db, codeId, ct);
            }
            var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.Approve, approved, ct);
            return outcome.Status ?? order.Status;
        }
        var refused = new OrderChange(now, EventActor.Bot, $"Refused ({decision.Rule}) for {Who(order, query)}: {decision.BuyerMessage}");
        var ending = decision.Rule switch
        {
            "expired" => OrderTransitions.Expire,
            "not-on-sale" or "action-gone" or "new-version" or "wrong-amount" or "sold-out" or "buyer-limit" => OrderTransitions.Reject,
            _ when Offers.OfferRules.IsOfferRule(decision.Rule) => OrderTransitions.Reject,
            _ => null,
        };
        if (ending is not null && ending.Allows(order.Status))
        {
            var outcome = await lifecycle.ApplyAsync(db, order.Id, ending,
                refused with { Set = ending == OrderTransitions.Reject ? new() { Problem = ProblemUpdate.Set(decision.BuyerMessage) } : null }, ct);
            // The transition wrote the line (refused, or expired) with the reason.
            if (outcome.Applied) return outcome.Status!.Value;
        }
        OrderLifecycle.AddEvent(db, order.Id, OrderEventKind.PreCheckoutRefused, refused);
        return order.Status;
    }

    /// <summary>
    /// The second attempt lost the conditional update too: something the offer needs was taken meanwhile. Names the
    /// offer's part (the code's last use, or the last early-bird unit) rather than stock.
    /// </summary>
    private static GuardrailDecision OfferRaceLost(Order order, Offers.OfferFacts? offer) =>
        order.PromoCodeId is not null
            ? GuardrailDecision.Refuse("code-used-up", Offers.OfferTexts.RefusedCodeUsedUp(offer?.Code?.Code ?? "", Languages.BotWords.For(order.BuyerLanguage)))
            : GuardrailDecision.Refuse("early-bird-sold", Offers.OfferTexts.RefusedEarlyBirdTaken(Languages.BotWords.For(order.BuyerLanguage)));

    /// <summary>The stock and per-buyer limits as a condition the database checks inside the approving update.</summary>
    private static System.Linq.Expressions.Expression<Func<Order, bool>> WithinLimits(StarsDbContext db, Order order, DateTimeOffset since)
    {
        var holding = db.Orders.HoldingStockOf(order.BotId, order.ActionId, since, exceptOrderId: order.Id);
        var stock = order.Action!.StockLimit ?? int.MaxValue;
        var perBuyer = order.Action.PerBuyerLimit ?? int.MaxValue;
        var buyerId = order.BuyerId;
        return o => holding.Count() < stock && holding.Count(x => x.BuyerId == buyerId) < perBuyer;
    }
}
