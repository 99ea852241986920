using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// An order's grant (credits, command uses), inserted once: <c>INSERT … ON CONFLICT DO NOTHING</c> against the unique
/// index on the order, inside the delivery attempt's transaction. It was a read to see whether the grant existed and
/// then the insert; the index already decides, also between two workers. A second attempt (a retry, a worker that
/// took over a lease) inserts nothing. Moments are UTC ticks, as StarsDbContext stores them.
/// </summary>
internal static class GrantInserts
{
    public static Task<int> CreditsAsync(StarsDbContext db, Order order, int amount, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        var v = new SqlValues();
        var sql = $"""
            INSERT INTO "CreditGrants" ("BotId", "BuyerId", "OrderId", "Amount", "Remaining", "GrantedAt", "ExpiresAt", "RevokedAt")
            VALUES ({v.Of(order.BotId)}, {v.Of(order.BuyerId)}, {v.Of(order.Id)}, {v.Of(amount)}, {v.Of(amount)}, {v.Of(now.UtcTicks)}, {v.Of(expiresAt?.UtcTicks)}, NULL)
            ON CONFLICT DO NOTHING
            """;
        return db.Database.ExecuteSqlRawAsync(sql, v.Args, ct);
    }

    public static Task<int> CommandUsesAsync(StarsDbContext db, Order order, string command, int uses, DateTimeOffset now, CancellationToken ct)
    {
        var v = new SqlValues();
        var sql = $"""
            INSERT INTO "CommandEntitlements" ("BotId", "BuyerId", "OrderId", "ActionId", "ActionVersion", "CommandName", "UsesTotal", "UsesLeft", "GrantedAt", "RevokedAt")
            VALUES ({v.Of(order.BotId)}, {v.Of(order.BuyerId)}, {v.Of(order.Id)}, {v.Of(order.ActionId)}, {v.Of(order.ActionVersion)}, {v.Of(command)}, {v.Of(uses)}, {v.Of(uses)}, {v.Of(now.UtcTicks)}, NULL)
            ON CONFLICT DO NOTHING
            """;
        return db.Database.ExecuteSqlRawAsync(sql, v.Args, ct);
    }
}
