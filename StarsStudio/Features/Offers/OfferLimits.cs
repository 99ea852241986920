using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Offers;

/// <summary>
/// The one definition of "orders that hold a use of a code" and "orders that hold an early-bird unit", and the
/// conditional updates that take them. A use is held from Buy: by a paid order, or by an open one (created,
/// invoice sent, approved) whose invoice has not expired and whose payment window, once approved, has not passed.
/// A refunded, expired, rejected or cancelled order holds nothing, so the use comes back by itself. Early-bird
/// units are held like stock (paid, or approved within the payment window), so open invoices at the early price
/// race at pre-checkout and the late ones are refused.
/// </summary>
public static class OfferLimits
{
    private static readonly OrderStatus[] Open = [OrderStatus.Created, OrderStatus.InvoiceSent, OrderStatus.Approved];

    public static IQueryable<Order> HoldingCode(this IQueryable<Order> orders, long botId, int codeId, DateTimeOffset now, DateTimeOffset approvedSince, long? exceptOrderId = null) =>
        orders.Where(o => o.BotId == botId && o.PromoCodeId == codeId && o.Id != exceptOrderId
                          && (Order.PaidStates.Contains(o.Status)
                              || (Open.Contains(o.Status) && o.ExpiresAt > now && (o.ApprovedAt == null || o.ApprovedAt > approvedSince))));

    public static IQueryable<Order> HoldingEarlyBird(this IQueryable<Order> orders, long botId, int actionId, DateTimeOffset approvedSince, long? exceptOrderId = null) =>
        orders.HoldingStockOf(botId, actionId, approvedSince, exceptOrderId).Where(o => o.EarlyBird);

    /// <summary>The buyer's paid orders of this bot: what "first purchase only" looks at.</summary>
    public static IQueryable<Order> PaidByBuyer(this IQueryable<Order> orders, long botId, long buyerId, long? exceptOrderId = null) =>
        orders.Where(o => o.BotId == botId && o.BuyerId == buyerId && o.Id != exceptOrderId && Order.PaidStates.Contains(o.Status));

    /// <summary>
    /// At Buy, inside the transaction that inserted the order: puts the code on it only if the database still
    /// counts a free use for it (total, per buyer, first purchase) in the same statement. False: the last use went
    /// to someone else between the card and the tap.
    /// </summary>
    public static async Task<bool> TryHoldCodeAsync(StarsDbContext db, Order order, PromoCode code, DateTimeOffset now, DateTimeOffset approvedSince, CancellationToken ct)
    {
        await PromoCodeLock.HoldAsync(db, code.Id, ct);
        var condition = CodeCondition(db, order, code, now, approvedSince);
        var orderId = order.Id;
        var codeId = code.Id;
        var rows = await db.Orders.Where(o => o.Id == orderId).Where(condition)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.PromoCodeId, codeId), ct);
        return rows == 1;
    }

    /// <summary>
    /// Pre-checkout's part of the approving update's condition for an order sold below list price (null when it is
    /// not): its code still has a use for it and its early-bird unit is still free, counted in the same statement.
    /// The caller holds <see cref="PromoCodeLock"/> and the action's <see cref="StockLock"/> first.
    /// </summary>
    public static Expression<Func<Order, bool>>? ApprovalCondition(StarsDbContext db, Order order, OfferFacts facts, DateTimeOffset now, DateTimeOffset approvedSince)
    {
        Expression<Func<Order, bool>>? condition = null;
        if (order.PromoCodeId is not null && facts.Code is { } code) condition = CodeCondition(db, order, code, now, approvedSince);
        if (order.EarlyBird && facts.EarlyBird is { Limit: { } limit })
        {
            var held = db.Orders.HoldingEarlyBird(order.BotId, order.ActionId, approvedSince, order.Id);
            condition = And(condition, o => held.Count() < limit);
        }
        return condition;
    }

    /// <summary>Two conditions on the same order as one (either may be null).</summary>
    public static Expression<Func<Order, bool>>? And(Expression<Func<Order, bool>>? left, Expression<Func<Order, bool>>? right)
    {
        if (left is null) return right;
        if (right is null) return left;
        var body = ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        return Expression.Lambda<Func<Order, bool>>(Expression.AndAlso(left.Body, body), left.Parameters[0]);
    }

    /// <summary>Reads what pre-checkout decides an offer order on.</summary>
    public static async Task<OfferFacts> FactsAsync(StarsDbContext db, Order order, DateTimeOffset now, DateTimeOffset approvedSince, CancellationToken ct)
    {
        PromoCode? code = null;
        int codeHeld = 0, codeByBuyer = 0;
        var paidBefore = false;
        if (order.PromoCodeId is { } codeId)
        {
            code = await db.PromoCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == codeId, ct);
            var holding = db.Orders.HoldingCode(order.BotId, codeId, now, approvedSince, order.Id);
            codeHeld = await holding.CountAsync(ct);
            codeByBuyer = await holding.CountAsync(o => o.BuyerId == order.BuyerId, ct);
            if (code is { FirstPurchaseOnly: true })
                paidBefore = await db.Orders.PaidByBuyer(order.BotId, order.BuyerId, order.Id).AnyAsync(ct);
        }
        EarlyBird? early = null;
        var earlyHeld = 0;
        if (order.EarlyBird)
        {
            early = await db.EarlyBirds.AsNoTracking().FirstOrDefaultAsync(e => e.ActionId == order.ActionId, ct);
            if (early?.Limit is not null) earlyHeld = await db.Orders.HoldingEarlyBird(order.BotId, order.ActionId, approvedSince, order.Id).CountAsync(ct);
        }
        return new OfferFacts(code, codeHeld, codeByBuyer, paidBefore, early, earlyHeld);
    }

    private static Expression<Func<Order, bool>> CodeCondition(StarsDbContext db, Order order, PromoCode code, DateTimeOffset now, DateTimeOffset approvedSince)
    {
        var holding = db.Orders.HoldingCode(order.BotId, code.Id, now, approvedSince, order.Id);
        var total = code.TotalUses ?? int.MaxValue;
        var perBuyer = code.PerBuyerUses ?? int.MaxValue;
        var buyerId = order.BuyerId;
        Expression<Func<Order, bool>> uses = o => holding.Count() < total && holding.Count(x => x.BuyerId == buyerId) < perBuyer;
        if (!code.FirstPurchaseOnly) return uses;
        var paid = db.Orders.PaidByBuyer(order.BotId, buyerId, order.Id);
        return And(uses, o => !paid.Any())!;
    }
}
