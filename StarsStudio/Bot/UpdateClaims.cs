using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Hosting;

namespace StarsStudio.Bot;

/// <summary>
/// Claim-first dedupe for webhook commands and buttons when several instances share one PostgreSQL. Checking
/// "processed?" and marking after the handler leaves a window in which two instances given the same update both
/// handle it (a balancer passing Telegram's redelivery of a slow answer to the other instance): the buyer gets two
/// cards, two invoices. Here the first instance's insert takes the update under a lease; a copy that arrives
/// meanwhile waits until it is handled (then drops it) or until the lease runs out (the claimant died: it takes
/// it over), so nothing is handled twice and a crash loses nothing. Payments keep their own guard (charge id,
/// marked inside the transaction that records them); SQLite has one process, where the in-order queues suffice.
/// </summary>
public sealed class UpdateClaims(IDbContextFactory<StarsDbContext> dbFactory, IOptions<DatabaseOptions> database, TimeProvider clock)
{
    /// <summary>Longer than any command's handling, sends waiting for the outbound budget included.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public bool Enabled => database.Value.Provider == DatabaseProvider.Postgres;

    /// <summary>True when this instance is to handle the update; false when another has handled it.</summary>
    public async Task<bool> ClaimAsync(long botId, int updateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        while (true)
        {
            var now = clock.GetUtcNow();
            // One statement: a fresh id is inserted; a row whose lease ran out is taken over; a handled row (lease
            // null) or a living claim is left as it is and the statement touches nothing.
            var taken = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ProcessedUpdates" ("BotId", "UpdateId", "ProcessedAt", "LeaseUntil")
                VALUES ({botId}, {updateId}, {now.UtcTicks}, {(now + Lease).UtcTicks})
                ON CONFLICT ("BotId", "UpdateId") DO UPDATE SET "ProcessedAt" = excluded."ProcessedAt", "LeaseUntil" = excluded."LeaseUntil"
                WHERE "ProcessedUpdates"."LeaseUntil" < {now.UtcTicks}
                """, ct) == 1;
            if (taken) return true;
            var row = await db.ProcessedUpdates.AsNoTracking()
                .Where(p => p.BotId == botId && p.UpdateId == updateId).Select(p => new { p.LeaseUntil }).FirstOrDefaultAsync(ct);
            if (row is { LeaseUntil: null }) return false;
            if (row is not null) await Task.Delay(Poll, clock, ct); // another instance is handling it now: wait for its outcome
        }
    }

    /// <summary>The update was handled (or failed for good): copies from now on are dropped.</summary>
    public async Task FinishAsync(long botId, int updateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE \"ProcessedUpdates\" SET \"LeaseUntil\" = NULL WHERE \"BotId\" = {botId} AND \"UpdateId\" = {updateId}", ct);
    }

    /// <summary>Handling was cut short: the next copy takes the update at once instead of waiting out the lease.</summary>
    public async Task ReleaseAsync(long botId, int updateId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM \"ProcessedUpdates\" WHERE \"BotId\" = {botId} AND \"UpdateId\" = {updateId} AND \"LeaseUntil\" IS NOT NULL");
    }
}
