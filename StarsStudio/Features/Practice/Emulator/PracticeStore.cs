using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Keeps practice.db in step with the emulator's in-memory state, write-behind: callers queue the rows they
/// changed and go on, and one writer saves everything queued so far in one transaction. The emulator answers
/// from memory, so a Bot API call never waits for the disk while it holds a bot's gate (waiting made every bot
/// as slow as one SQLite commit per call, ≈120 purchases/s for even the simplest bot). The cost: a crash of
/// the whole process can lose the last few milliseconds of practice history; a graceful stop flushes.
/// </summary>
public sealed class PracticeStore(IDbContextFactory<PracticeDbContext> dbFactory, ILogger<PracticeStore> logger) : IAsyncDisposable
{
    private enum Op { Insert, Update, Delete, Flush }

    private readonly record struct Write(Op Op, object? Row, TaskCompletionSource? Flushed);

    private readonly Channel<Write> writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? writer;
    private long nextSeq = -1;

    /// <summary>Queues new rows.</summary>
    public void Insert(params object[] rows) => Queue(Op.Insert, rows);

    /// <summary>Queues rows whose values changed (all columns are written, with the values at save time).</summary>
    public void Update(params object[] rows) => Queue(Op.Update, rows);

    public void Delete(IEnumerable<object> rows) => Queue(Op.Delete, rows);

    /// <summary>Completes once everything queued before the call is on disk.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EnsureWriter();
        if (!writes.Writer.TryWrite(new Write(Op.Flush, null, flushed))) flushed.TrySetResult();
        return flushed.Task;
    }

    /// <summary>
    /// Keys for update and Star-transaction rows, taken in memory because the row is saved later (ordering of
    /// pending updates and confirmations relies on them). One sequence for both tables: unique in each.
    /// </summary>
    public long NextSeq()
    {
        if (Interlocked.Read(ref nextSeq) < 0)
        {
            lock (startLock)
            {
                if (nextSeq < 0)
                {
                    using var db = dbFactory.CreateDbContext();
                    var updates = db.Updates.Max(u => (long?)u.Seq) ?? 0;
                    var transactions = db.Transactions.Max(t => (long?)t.Seq) ?? 0;
                    Interlocked.Exchange(ref nextSeq, Math.Max(updates, transactions));
                }
            }
        }
        return Interlocked.Increment(ref nextSeq);
    }

    private void Queue(Op op, IEnumerable<object> rows)
    {
        EnsureWriter();
        foreach (var row in rows) writes.Writer.TryWrite(new Write(op, row, null));
    }

    private void EnsureWriter()
    {
        if (writer is not null) return;
        lock (startLock) writer ??= Task.Run(WriteLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>();
        while (await writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < 5000 && writes.Reader.TryRead(out var write)) batch.Add(write);
            await SaveAsync(batch);
            foreach (var flush in batch.Where(w => w.Op == Op.Flush)) flush.Flushed!.TrySetResult();
            batch.Clear();
        }
    }

    /// <summary>Nets out each row's writes (added then changed = one insert; added then deleted = nothing) and saves them in one transaction.</summary>
    private async Task SaveAsync(List<Write> batch)
    {
        var net = new Dictionary<object, Op>(ReferenceEqualityComparer.Instance);
        var order = new List<object>();
        foreach (var (op, row, _) in batch)
        {
            if (row is null) continue;
            if (!net.TryGetValue(row, out var before)) { net[row] = op; order.Add(row); continue; }
            net[row] = (before, op) switch
            {
                (Op.Insert, Op.Update) => Op.Insert,
                (Op.Insert, Op.Delete) => Op.Flush, // never reached the disk: nothing to do
                _ => op,
            };
        }
        var rows = order.Where(r => net[r] != Op.Flush).ToList();
        if (rows.Count == 0) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            foreach (var row in rows) Stage(db, net[row], row);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // One bad row must not cost the others: save them one by one and log what failed.
            logger.LogWarning(e, "Practice data batch of {Count} rows failed; saving row by row", rows.Count);
            foreach (var row in rows)
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync();
                    Stage(db, net[row], row);
                    await db.SaveChangesAsync();
                }
                catch (Exception one) when (one is DbUpdateException or InvalidOperationException)
                {
                    logger.LogWarning(one, "Practice data: could not {Op} a {Row}", net[row], row.GetType().Name);
                }
            }
        }
    }

    private static void Stage(PracticeDbContext db, Op op, object row)
    {
        switch (op)
        {
            case Op.Insert: db.Add(row); break;
            case Op.Update: db.Update(row); break;
            case Op.Delete: db.Remove(row); break;
        }
    }

    internal async Task<PracticeBot?> LoadAsync(long botId, PracticeRateLimitOptions rateLimits, DateTimeOffset updatesNotBefore, CancellationToken ct)
    {
        await FlushAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.BotId == botId, ct);
        if (row is null) return null;
        var bot = new PracticeBot(row, rateLimits);
        foreach (var buyer in await db.Buyers.AsNoTracking().Where(b => b.BotId == botId).ToListAsync(ct)) bot.Buyers[buyer.UserId] = buyer;
        foreach (var message in await db.Messages.AsNoTracking().Where(m => m.BotId == botId).OrderBy(m => m.MessageId).ToListAsync(ct)) bot.AddMessage(message);
        // Telegram keeps unconfirmed updates for 24 hours; older ones are gone after a restart too.
        await db.Updates.Where(u => u.BotId == botId && u.CreatedAt < updatesNotBefore).ExecuteDeleteAsync(ct);
        bot.Pending.AddRange(await db.Updates.AsNoTracking().Where(u => u.BotId == botId).OrderBy(u => u.Seq).ToListAsync(ct));
        foreach (var file in await db.Files.AsNoTracking().Where(f => f.BotId == botId).ToListAsync(ct)) bot.Files[file.FileId] = file;
        foreach (var charge in await db.Charges.AsNoTracking().Where(c => c.BotId == botId).ToListAsync(ct)) bot.Charges[charge.ChargeId] = charge;
        bot.Transactions.AddRange(await db.Transactions.AsNoTracking().Where(t => t.BotId == botId).OrderBy(t => t.Seq).ToListAsync(ct));
        foreach (var link in await db.InvoiceLinks.AsNoTracking().Where(l => l.BotId == botId).ToListAsync(ct)) bot.InvoiceLinks[link.Slug] = link;
        return bot;
    }

    public async Task DeleteBotAsync(long botId)
    {
        await FlushAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Buyers.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Messages.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Updates.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Files.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Charges.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Transactions.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.InvoiceLinks.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Bots.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await tx.CommitAsync();
    }

    /// <summary>On shutdown: what is queued reaches the disk, then the writer ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (writer is null) return;
        await FlushAsync();
        writes.Writer.TryComplete();
        await writer;
    }
}
