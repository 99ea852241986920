using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Orders and payments of a live bot and of the install's practice bot, side by side in one database.</summary>
public static class DataViewSeed
{
    public const long LiveBot = 5_550_001;

    /// <summary>The practice bot's id, once the bot host (practice mode: no token) has made its token.</summary>
    public static async Task<long> PracticeBotIdAsync(StarsAppFactory app)
    {
        var token = await SupportShop.EventuallyAsync(async () =>
        {
            await using var db = await app.DbAsync();
            return await db.BotSettings.AsNoTracking().Select(s => s.PracticeBotToken).SingleAsync();
        }, t => t is not null, "the practice bot's token");
        return BotScopes.BotIdOf(token)!.Value;
    }

    /// <summary>A buyer of <paramref name="botId"/> and one order; paid orders get their payment row too.</summary>
    public static async Task<Order> OrderAsync(StarsAppFactory app, long botId, PaidAction action, string code, OrderStatus status,
        int stars, long buyerId, string username, DateTimeOffset? at = null, bool refunded = false)
    {
        var created = at ?? DateTimeOffset.UtcNow.AddHours(-1);
        await using var db = await app.DbAsync();
        if (!await db.Buyers.AnyAsync(b => b.BotId == botId && b.TelegramUserId == buyerId))
            db.Buyers.Add(new Buyer { BotId = botId, TelegramUserId = buyerId, FirstName = username, Username = username, UsernameKey = username.ToLowerInvariant() });
        var paid = status is OrderStatus.Delivered or OrderStatus.DeliveryFailed or OrderStatus.Refunded;
        var order = new Order
        {
            Code = code, BotId = botId, BuyerId = buyerId, ActionId = action.Id, ActionVersion = action.Version, Kind = action.Kind,
            Stars = stars, Status = status, CreatedAt = created, ExpiresAt = created.AddDays(2),
            ApprovedAt = status == OrderStatus.InvoiceSent ? null : created, PaidAt = paid ? created : null,
            DeliveredAt = status is OrderStatus.Delivered or OrderStatus.Refunded ? created : null,
            RefundedAt = refunded ? created : null,
            ChargeId = paid ? $"charge-{code}" : null,
            Problem = status == OrderStatus.DeliveryFailed ? "file missing" : null,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        if (paid)
        {
            db.Payments.Add(new Payment
            {
                ChargeId = order.ChargeId!, BotId = botId, BuyerId = buyerId, Currency = "XTR", TotalAmount = stars,
                InvoicePayload = $"payload-{code}", OrderId = order.Id, Match = PaymentMatch.Matched, ReceivedAt = created,
                RefundedAt = refunded ? created : null,
            });
            await db.SaveChangesAsync();
        }
        return order;
    }
}
