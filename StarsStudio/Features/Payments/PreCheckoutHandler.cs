using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Answers pre_checkout_query on the update loop's fast path (Telegram gives 10 s): reads the order and
/// action, applies the guardrail, records the decision on the order's timeline, answers. Never queued.
/// </summary>
public sealed class PreCheckoutHandler(
    IDbContextFactory<StarsDbContext> dbFactory,
    InvoicePayloadSigner signer,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<PreCheckoutHandler> logger) : IBotUpdateHandler
{
    // Stock and per-buyer limits are checked and recorded under one lock per action, so two buyers can never
    // both be approved for the last item. One process owns the database, so an in-memory lock is enough.
    private readonly ConcurrentDictionary<int, SemaphoreSlim> actionLocks = new();

    public RouteStage Stage => RouteStage.Payment;

    public bool CanHandle(Update update) => update.PreCheckoutQuery is not null;

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.PreCheckoutQuery!;
        var botId = update.Bot.BotId;
        GuardrailDecision decision;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Order? order = null;
        try
        {
            var readable = InvoicePayloadSigner.TryReadOrderId(query.InvoicePayload, out var orderId);
            order = readable ? await db.Orders.Include(o => o.Action).FirstOrDefaultAsync(o => o.Id == orderId && o.BotId == botId, ct) : null;
            if (order?.Action is { StockLimit: not null } or { PerBuyerLimit: not null })
            {
                // Limits: decide and record under the action's lock, then answer, so two buyers can never
                // both be approved for the last item.
                decision = await DecideLimitedAsync(db, botId, query, order, readable, ct);
                await AnswerAsync(update, query, decision, ct);
                notifier.Changed(order.Id, order.Status);
                return;
            }
            decision = Decide(botId, query, order, readable, 0, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refuse rather than let the buyer wait 10 s for a timeout; nothing is charged either way.
            logger.LogError(e, "Pre-checkout {QueryId} could not be checked", query.Id);
            await AnswerAsync(update, query, GuardrailDecision.Refuse("error", "Something went wrong on our side; nothing was charged. Please try again in a minute."), ct);
            return;
        }
        // No limits: answer first (the buyer is waiting on the payment sheet), then write the timeline.
        await AnswerAsync(update, query, decision, ct);
        if (order is null)
        {
            logger.LogWarning("Pre-checkout {QueryId} refused: {Rule}", query.Id, decision.Rule);
            return;
        }
        try
        {
            Record(db, order, query, decision, clock.GetUtcNow());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                // The payment already moved the order on: keep its state, still write the pre-checkout line.
                db.Entry(order).State = EntityState.Unchanged;
                await db.SaveChangesAsync(ct);
            }
            notifier.Changed(order.Id, order.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The buyer has their answer; a lost timeline line must not make the update come back.
            logger.LogError(e, "Pre-checkout {QueryId} answered but not written to order {Order}'s timeline", query.Id, order.Code);
        }
    }

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
            logger.LogWarning("Pre-checkout {QueryId} could not be answered ({Problem}); Telegram cancels the payment, nothing is charged", query.Id, BotHostService.Describe(e));
        }
    }

    private GuardrailDecision Decide(long botId, PreCheckoutQuery query, Order? order, bool readable, int heldForAction, int heldByBuyer) =>
        PreCheckoutGuardrail.Evaluate(new GuardrailInput(
            query.From.Id, query.Currency, query.TotalAmount, readable,
            order is not null && signer.Verify(query.InvoicePayload, botId, order),
            order, order?.Action, heldForAction, heldByBuyer, clock.GetUtcNow()));

    private async Task<GuardrailDecision> DecideLimitedAsync(StarsDbContext db, long botId, PreCheckoutQuery query, Order order, bool readable, CancellationToken ct)
    {
        var gate = actionLocks.GetOrAdd(order.ActionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var holding = db.Orders.HoldingStockOf(order.ActionId, exceptOrderId: order.Id);
            var heldForAction = await holding.CountAsync(ct);
            var heldByBuyer = await holding.CountAsync(o => o.BotId == botId && o.BuyerId == order.BuyerId, ct);
            var decision = Decide(botId, query, order, readable, heldForAction, heldByBuyer);
            Record(db, order, query, decision, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return decision;
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Record(StarsDbContext db, Order order, PreCheckoutQuery query, GuardrailDecision decision, DateTimeOffset now)
    {
        var who = query.From.Id == order.BuyerId ? "the buyer" : $"user {query.From.Id}";
        if (decision.Approve)
        {
            if (order.Status is OrderStatus.Created or OrderStatus.InvoiceSent) order.Status = OrderStatus.Approved;
            order.ApprovedAt = now;
            OrderTimeline.Add(db, order, now, EventActor.Bot, "pre-checkout", $"Approved ⭐{query.TotalAmount} for {who}");
            return;
        }
        // A refusal that concerns this invoice ends it; a refusal about someone else's attempt leaves it alone.
        if (decision.Rule is "expired" && order.Status is OrderStatus.Created or OrderStatus.InvoiceSent or OrderStatus.Approved)
            order.Status = OrderStatus.Expired;
        else if (decision.Rule is "not-on-sale" or "action-gone" or "new-version" or "wrong-amount" or "sold-out" or "buyer-limit"
                 && order.Status is OrderStatus.Created or OrderStatus.InvoiceSent or OrderStatus.Approved)
        {
            order.Status = OrderStatus.Rejected;
            order.Problem = decision.BuyerMessage;
        }
        OrderTimeline.Add(db, order, now, EventActor.Bot, "pre-checkout", $"Refused ({decision.Rule}) for {who}: {decision.BuyerMessage}");
    }
}
