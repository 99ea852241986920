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
        GuardrailDecision decision;
        try
        {
            decision = await DecideAndRecordAsync(update.Bot.BotId, query, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refuse rather than let the buyer wait 10 s for a timeout; nothing is charged either way.
            logger.LogError(e, "Pre-checkout {QueryId} could not be checked", query.Id);
            decision = GuardrailDecision.Refuse("error", "Something went wrong on our side; nothing was charged. Please try again in a minute.");
        }
        await update.Client.AnswerPreCheckoutQuery(query.Id, decision.Approve ? null : decision.BuyerMessage, ct);
    }

    private async Task<GuardrailDecision> DecideAndRecordAsync(long botId, PreCheckoutQuery query, CancellationToken ct)
    {
        var readable = InvoicePayloadSigner.TryReadOrderId(query.InvoicePayload, out var orderId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = readable ? await db.Orders.Include(o => o.Action).FirstOrDefaultAsync(o => o.Id == orderId && o.BotId == botId, ct) : null;
        var limited = order?.Action is { } a && (a.StockLimit is not null || a.PerBuyerLimit is not null);
        var gate = limited ? actionLocks.GetOrAdd(order!.ActionId, _ => new SemaphoreSlim(1, 1)) : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            int heldForAction = 0, heldByBuyer = 0;
            if (limited)
            {
                var holding = db.Orders.Where(o => o.ActionId == order!.ActionId && o.Id != order.Id && Order.Holding.Contains(o.Status));
                heldForAction = await holding.CountAsync(ct);
                heldByBuyer = await holding.CountAsync(o => o.BotId == botId && o.BuyerId == order!.BuyerId, ct);
            }
            var decision = PreCheckoutGuardrail.Evaluate(new GuardrailInput(
                query.From.Id, query.Currency, query.TotalAmount, readable,
                order is not null && signer.Verify(query.InvoicePayload, botId, order),
                order, order?.Action, heldForAction, heldByBuyer, now));

            if (order is not null) Record(db, order, query, decision, now);
            await db.SaveChangesAsync(ct);
            if (order is not null) notifier.Changed(order.Id, order.Status);
            else logger.LogWarning("Pre-checkout {QueryId} refused: {Rule}", query.Id, decision.Rule);
            return decision;
        }
        finally
        {
            gate?.Release();
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
