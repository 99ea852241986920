using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The one definition of "orders that count against an action's stock and per-buyer limits": the bot's paid
/// orders, and its orders approved at pre-checkout within the payment window (an approval not followed by a
/// payment in time releases its hold).
/// </summary>
public static class OrderLimits
{
    public static IQueryable<Order> HoldingStockOf(this IQueryable<Order> orders, long botId, int actionId, DateTimeOffset approvedSince, long? exceptOrderId = null) =>
        orders.Where(o => o.BotId == botId && o.ActionId == actionId && o.Id != exceptOrderId
                          && (Order.PaidStates.Contains(o.Status) || (o.Status == OrderStatus.Approved && o.ApprovedAt > approvedSince)));

    /// <summary>Only paid orders: what "you already own this" is about.</summary>
    public static IQueryable<Order> PaidOf(this IQueryable<Order> orders, long botId, int actionId, long buyerId) =>
        orders.Where(o => o.BotId == botId && o.ActionId == actionId && o.BuyerId == buyerId && Order.PaidStates.Contains(o.Status));
}
