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
    }

    /// <summary>
    /// Same, inside a caller's unit of work, as one upsert: every /start and Buy touches the buyer, and reading the
    /// row first (then updating it) was two statements where one does. Standard SQL that SQLite and PostgreSQL share.
    /// </summary>
    public static Task TouchAsync(StarsDbContext db, long botId, User user, bool subscribe, DateTimeOffset now, CancellationToken ct)
    {
        var ticks = now.UtcTicks;
        var key = user.Username?.ToLowerInvariant();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Buyers" ("BotId", "TelegramUserId", "FirstName", "LastName", "Username", "UsernameKey", "LanguageCode", "FirstSeenAt", "LastSeenAt")
            VALUES ({botId}, {user.Id}, {user.FirstName}, {user.LastName}, {user.Username}, {key}, {user.LanguageCode}, {ticks}, {ticks})
            ON CONFLICT ("BotId", "TelegramUserId") DO UPDATE SET
                "FirstName" = excluded."FirstName", "LastName" = excluded."LastName", "Username" = excluded."Username",
                "UsernameKey" = excluded."UsernameKey", "LanguageCode" = excluded."LanguageCode", "LastSeenAt" = excluded."LastSeenAt",
                "BlockedAt" = NULL, "OptedOutAt" = CASE WHEN {subscribe} THEN NULL ELSE "Buyers"."OptedOutAt" END
            """, ct);
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
