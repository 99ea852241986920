using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Buyers;

/// <summary>Keeps the buyer list current from the updates buyers send.</summary>
public sealed class BuyerDirectory(IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Adds or refreshes a buyer; <paramref name="subscribe"/> (from /start) clears an earlier /stop.</summary>
    public async Task TouchAsync(long botId, User user, bool subscribe, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TouchAsync(db, botId, user, subscribe, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Same, inside a caller's unit of work.</summary>
    public static async Task<Buyer> TouchAsync(StarsDbContext db, long botId, User user, bool subscribe, DateTimeOffset now, CancellationToken ct)
    {
        var buyer = await db.Buyers.FindAsync([botId, user.Id], ct);
        if (buyer is null)
        {
            buyer = new Buyer { BotId = botId, TelegramUserId = user.Id, FirstName = user.FirstName, FirstSeenAt = now };
            db.Buyers.Add(buyer);
        }
        buyer.FirstName = user.FirstName;
        buyer.LastName = user.LastName;
        buyer.Username = user.Username;
        buyer.UsernameKey = user.Username?.ToLowerInvariant();
        buyer.LanguageCode = user.LanguageCode;
        buyer.LastSeenAt = now;
        buyer.BlockedAt = null;
        if (subscribe) buyer.OptedOutAt = null;
        return buyer;
    }

    public async Task SetOptedOutAsync(long botId, long userId, bool optedOut, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Buyers.Where(b => b.BotId == botId && b.TelegramUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.OptedOutAt, optedOut ? clock.GetUtcNow() : null), ct);
    }

    public async Task SetBlockedAsync(long botId, long userId, bool blocked, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Buyers.Where(b => b.BotId == botId && b.TelegramUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.BlockedAt, blocked ? clock.GetUtcNow() : null), ct);
    }
}
