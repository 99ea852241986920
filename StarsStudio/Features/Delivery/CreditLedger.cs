using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// Credits: each paid order grants once (unique per order); spends take from the earliest-expiring live grant.
/// Balance = what remains of grants that are neither expired nor revoked.
/// </summary>
public sealed class CreditLedger(IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Adds the order's grant in the caller's transaction, once: a second call for the same order adds nothing (false).</summary>
    public static async Task<bool> AddGrantAsync(StarsDbContext db, Order order, int amount, int? expiryDays, DateTimeOffset now, CancellationToken ct) =>
        await GrantInserts.CreditsAsync(db, order, amount, expiryDays is { } d ? now.AddDays(d) : null, now, ct) == 1;

    public async Task<int> BalanceAsync(long botId, long buyerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var grants = await db.CreditGrants.AsNoTracking().Where(g => g.BotId == botId && g.BuyerId == buyerId && g.RevokedAt == null && g.Remaining > 0).ToListAsync(ct);
        return grants.Where(g => g.ExpiresAt is null || g.ExpiresAt > now).Sum(g => g.Remaining);
    }

    public async Task<IReadOnlyList<CreditGrant>> LiveGrantsAsync(long botId, long buyerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var grants = await db.CreditGrants.AsNoTracking().Where(g => g.BotId == botId && g.BuyerId == buyerId && g.RevokedAt == null && g.Remaining > 0).ToListAsync(ct);
        return [.. grants.Where(g => g.ExpiresAt is null || g.ExpiresAt > now).OrderBy(g => g.ExpiresAt ?? DateTimeOffset.MaxValue)];
    }

    /// <summary>Spends credits, earliest expiry first. False (and nothing spent) when the balance is too low.</summary>
    public async Task<bool> SpendAsync(long botId, long buyerId, int amount, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var grants = (await db.CreditGrants.Where(g => g.BotId == botId && g.BuyerId == buyerId && g.RevokedAt == null && g.Remaining > 0).ToListAsync(ct))
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now).OrderBy(g => g.ExpiresAt ?? DateTimeOffset.MaxValue).ToList();
        if (grants.Sum(g => g.Remaining) < amount) return false;
        var left = amount;
        foreach (var g in grants)
        {
            var take = Math.Min(left, g.Remaining);
            g.Remaining -= take;
            left -= take;
            if (left == 0) break;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
