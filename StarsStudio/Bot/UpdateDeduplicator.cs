using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Bot;

/// <summary>Persisted update_id dedupe, so neither a duplicate delivery nor a restart reprocesses an update.</summary>
public sealed class UpdateDeduplicator(IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Per bot, the highest update_id ever marked processed (loaded once, then kept up to date here).</summary>
    private readonly ConcurrentDictionary<long, int> highestMarked = new();

    public async Task<bool> IsProcessedAsync(long botId, int updateId, CancellationToken ct)
    {
        // Telegram numbers updates upwards, so a fresh update is above every id ever processed: no query needed.
        // Only a redelivery (or an id below the mark) asks the database. Saves a read on nearly every update.
        // On PostgreSQL other instances mark updates this one never saw, so the mark here proves nothing: ask.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql() && updateId > await HighestMarkedAsync(botId, ct)) return false;
        return await db.ProcessedUpdates.AnyAsync(p => p.BotId == botId && p.UpdateId == updateId, ct);
    }

    /// <summary>
    /// Which of a polled batch's ids were processed already, in one query for the whole batch: the poll loop asked
    /// once per update, one after the other, before a pre-checkout further down the batch reached its lane (on
    /// PostgreSQL every time). On SQLite only ids at or below the mark are asked about; usually none.
    /// </summary>
    public async Task<IReadOnlySet<int>> ProcessedAmongAsync(long botId, IReadOnlyList<int> updateIds, CancellationToken ct)
    {
        if (updateIds.Count == 0) return new HashSet<int>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ask = db.Database.IsNpgsql() ? [.. updateIds] : await BelowMarkAsync(botId, updateIds, ct);
        if (ask.Count == 0) return new HashSet<int>();
        return (await db.ProcessedUpdates.Where(p => p.BotId == botId && ask.Contains(p.UpdateId)).Select(p => p.UpdateId).ToListAsync(ct)).ToHashSet();
    }

    private async Task<List<int>> BelowMarkAsync(long botId, IReadOnlyList<int> updateIds, CancellationToken ct)
    {
        var highest = await HighestMarkedAsync(botId, ct);
        return [.. updateIds.Where(id => id <= highest)];
    }

    public async Task MarkProcessedAsync(long botId, int updateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await MarkProcessedAsync(db, botId, updateId, clock.GetUtcNow(), ct);
        Raise(botId, updateId);
    }

    /// <summary>For marks written inside a caller's transaction: call after it committed.</summary>
    public void Raise(long botId, int updateId) =>
        highestMarked.AddOrUpdate(botId, updateId, (_, before) => Math.Max(before, updateId));

    private async ValueTask<int> HighestMarkedAsync(long botId, CancellationToken ct)
    {
        if (highestMarked.TryGetValue(botId, out var known)) return known;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ProcessedUpdates.Where(p => p.BotId == botId).MaxAsync(p => (int?)p.UpdateId, ct) ?? 0;
        return highestMarked.AddOrUpdate(botId, stored, (_, before) => Math.Max(before, stored));
    }

    /// <summary>
    /// Marks inside the caller's context, so a money handler can record the update in the same transaction as
    /// its state change. Returns false when it was already marked (a duplicate that raced in). ON CONFLICT DO
    /// NOTHING is the one spelling SQLite and PostgreSQL share, so one statement serves both providers.
    /// </summary>
    public static async Task<bool> MarkProcessedAsync(StarsDbContext db, long botId, int updateId, DateTimeOffset now, CancellationToken ct)
        => await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"ProcessedUpdates\" (\"BotId\", \"UpdateId\", \"ProcessedAt\") VALUES ({botId}, {updateId}, {now.UtcTicks}) ON CONFLICT DO NOTHING", ct) == 1;

    /// <summary>Telegram keeps updates at most 24 h; a week of ids is plenty to catch any redelivery.</summary>
    public async Task<int> ForgetOlderThanAsync(TimeSpan age, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - age;
        return await db.ProcessedUpdates.Where(p => p.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
