using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Reminders;

/// <summary>Who a reminder reaches: subscribed, reachable buyers of one bot, narrowed by the reminder's filters.</summary>
public static class Audience
{
    /// <summary>Orders that mean "opened the invoice but did not (yet) pay".</summary>
    public static readonly OrderStatus[] OpenedStates = [OrderStatus.InvoiceSent, OrderStatus.Approved, OrderStatus.Expired, OrderStatus.Rejected];

    public static IQueryable<Buyer> Query(StarsDbContext db, long botId, AudienceFilter filter, int? filterActionId, string? language)
    {
        var buyers = db.Buyers.Where(b => b.BotId == botId && b.OptedOutAt == null && b.BlockedAt == null);
        var orders = db.Orders.Where(o => o.BotId == botId);
        switch (filter)
        {
            case AudienceFilter.OpenedNotBought when filterActionId is { } actionId:
                buyers = buyers.Where(b =>
                    orders.Any(o => o.BuyerId == b.TelegramUserId && o.ActionId == actionId && OpenedStates.Contains(o.Status)) &&
                    !orders.Any(o => o.BuyerId == b.TelegramUserId && o.ActionId == actionId && Order.PaidStates.Contains(o.Status)));
                break;
            case AudienceFilter.OpenedNotBought:
                // Without an action the filter means nothing; nobody rather than everybody.
                buyers = buyers.Where(b => false);
                break;
            case AudienceFilter.BoughtBefore when filterActionId is { } actionId:
                buyers = buyers.Where(b => orders.Any(o => o.BuyerId == b.TelegramUserId && o.ActionId == actionId && Order.PaidStates.Contains(o.Status)));
                break;
            case AudienceFilter.BoughtBefore:
                buyers = buyers.Where(b => orders.Any(o => o.BuyerId == b.TelegramUserId && Order.PaidStates.Contains(o.Status)));
                break;
        }
        if (!string.IsNullOrWhiteSpace(language))
        {
            var code = language.Trim().ToLowerInvariant();
            var prefix = code + "-";
            buyers = buyers.Where(b => b.LanguageCode != null && (b.LanguageCode.ToLower() == code || b.LanguageCode.ToLower().StartsWith(prefix)));
        }
        return buyers;
    }

    public static IQueryable<Buyer> Query(StarsDbContext db, long botId, Reminder r) => Query(db, botId, r.Filter, r.FilterActionId, r.Language);
}
