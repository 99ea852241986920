using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// practice.db behind the emulator's in-memory state, by group commit. A Bot API call changes memory under its bot's
/// gate and queues copies of the rows it changed (in gate order, so the queue is the history in order); one writer
/// commits everything queued so far in one transaction per batch, in queue order; the call answers only after the
/// batch holding its bot's latest change committed (<see cref="CommittedFor"/>), awaited outside the gate.
/// So practice.db is always a prefix of the history, and nothing a bot or buyer was told — an update handed out
/// (with every update it confirmed), a charge made, a message sent — is missing from it after a crash. Writing
/// through instead, one SQLite commit per change under the gate, capped even the floor bot near 200 purchases/s.
/// </summary>
public sealed class PracticeStore(IDbContextFactory<PracticeDbContext> dbFactory, ILogger<PracticeStore> logger) : IAsyncDisposable, IDisposable
{
    // Shallow copies are snapshots enough: rows hold values and immutable strings, and file contents never change in place.
    private static readonly Func<object, object> Copy = (Func<object, object>)Delegate.CreateDelegate(typeof(Func<object, object>),
        typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!);

    private readonly Lock sync = new();
    private readonly SemaphoreSlim work = new(0);
    private readonly Dictionary<long, Task> lastChangeByBot = [];
    /// <summary>The writer's statements per row type (only the writer loop touches it).</summary>
    private readonly Dictionary<Type, PracticeRowSql> tables = [];
    private readonly List<(Func<PracticeRowChange, bool> Match, TaskCompletionSource Seen)> watchers = [];
    private PracticeWriteBatch open = new();
    private PracticeWriteBatch? writing;
    private Task? writer;
    private bool stopping, stopped;
    private TaskCompletionSource? hold;
    private long nextSeq = -1;

    /// <summary>Queues new rows (caller holds the bot's gate).</summary>
    public void Insert(params object[] rows) { foreach (var row in rows) Queue(PracticeWriteOp.Insert, row); }

    /// <summary>Queues rows whose values changed; the values as they are now are what will be written.</summary>
    public void Update(params object[] rows) { foreach (var row in rows) Queue(PracticeWriteOp.Update, row); }

    public void Delete(IEnumerable<object> rows) { foreach (var row in rows) Queue(PracticeWriteOp.Delete, row); }

    /// <summary>"Reset practice data", in order with the bot's other changes: everything of the bot goes, its row is written as given.</summary>
    internal void ResetBot(PracticeBotRow bot) => Queue(PracticeWriteOp.ResetBot, bot);

    /// <summary>
    /// Completes when every change queued so far for this bot is in practice.db; take it under the gate, await it
    /// after. Batches commit in order, so this also covers whatever the bot's earlier changes depended on.
    /// Faults with <see cref="PracticeCrashedException"/> if the emulator "died" first.
    /// </summary>
    public Task CommittedFor(long botId)
    {
        lock (sync) return lastChangeByBot.GetValueOrDefault(botId) ?? Task.CompletedTask;
    }

    /// <summary>
    /// Keys for update and Star-transaction rows, taken in memory because the row is written later (the order of
    /// pending updates and their confirmation rely on them). One sequence for both tables: unique in each.
    /// </summary>
    public long NextSeq()
    {
        if (Interlocked.Read(ref nextSeq) < 0)
        {
            lock (sync)
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

    private void Queue(PracticeWriteOp op, object row)
    {
        var change = new PracticeRowChange(op, Copy(row));
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(stopped, this);
            var wake = open.Changes.Count == 0;
            open.Changes.Add(change);
            lastChangeByBot[BotIdOf(row)] = open.Committed;
            for (var i = watchers.Count - 1; i >= 0; i--)
                if (watchers[i].Match(change)) { watchers[i].Seen.TrySetResult(); watchers.RemoveAt(i); }
            if (!wake) return;
            writer ??= Task.Run(WriteLoopAsync);
            work.Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        var wait = true;
        while (true)
        {
            if (wait) await work.WaitAsync();
            PracticeWriteBatch batch;
            Task? held;
            lock (sync)
            {
                if (open.Changes.Count == 0)
                {
                    if (stopping) { stopped = true; return; }
                    wait = true;
                    continue;
                }
                batch = open;
                open = new PracticeWriteBatch();
                writing = batch;
                held = hold?.Task;
                // Stopping: drain what is left without waiting for a wake-up that may never come.
                wait = !stopping;
            }
            if (held is not null) await held;
            lock (sync)
            {
                if (batch.Dropped) continue;
                batch.Started = true;
            }
            try
            {
                await CommitAsync(batch.Changes);
                batch.Complete();
            }
            catch (Exception e)
            {
                // A bug, not a race (one writer, one transaction): memory now holds what practice.db lacks, so the
                // callers of this batch — and readers of these bots until their next change — get an error
                // instead of an answer the disk cannot back.
                logger.LogError(e, "Practice data: a batch of {Count} changes could not be written", batch.Changes.Count);
                batch.Fail(e);
            }
            lock (sync) if (writing == batch) writing = null;
        }
    }

    /// <summary>One transaction; each row's changes netted to one statement (added then changed = one insert; added then deleted = none).</summary>
    private async Task CommitAsync(List<PracticeRowChange> changes)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)tx.GetDbTransaction();
        var commands = new Dictionary<(Type, bool), SqliteCommand>();
        try
        {
            var net = new Dictionary<(Type, object), PracticeRowChange>();
            foreach (var change in changes)
            {
                if (change.Op == PracticeWriteOp.ResetBot)
                {
                    // Changes before the reset are written before it, so the reset deletes them as it deleted them in memory.
                    Write(db, connection, transaction, commands, net);
                    await ClearBotDataAsync(db, (PracticeBotRow)change.Row);
                    Write(db, connection, transaction, commands, new() { [(typeof(PracticeBotRow), change.Row)] = change with { Op = PracticeWriteOp.Update } });
                    continue;
                }
                var key = (change.Row.GetType(), KeyOf(change.Row));
                if (!net.TryGetValue(key, out var before)) { net[key] = change; continue; }
                if (change.Op == PracticeWriteOp.Delete)
                {
                    if (before.Op == PracticeWriteOp.Insert) net.Remove(key); // never reached the disk
                    else net[key] = change;
                }
                else net[key] = change with { Op = before.Op == PracticeWriteOp.Insert ? PracticeWriteOp.Insert : PracticeWriteOp.Update };
            }
            Write(db, connection, transaction, commands, net);
            await tx.CommitAsync();
        }
        finally
        {
            foreach (var command in commands.Values) command.Dispose();
        }
    }

    /// <summary>Prepared statements, one per table and kind, reused across the batch's rows.</summary>
    private void Write(PracticeDbContext db, SqliteConnection connection, SqliteTransaction transaction,
        Dictionary<(Type, bool), SqliteCommand> commands, Dictionary<(Type, object), PracticeRowChange> net)
    {
        foreach (var (op, row) in net.Values)
        {
            var type = row.GetType();
            var upserting = op != PracticeWriteOp.Delete;
            if (!tables.TryGetValue(type, out var sql))
                tables[type] = sql = new PracticeRowSql(db.Model.FindEntityType(type) ?? throw new ArgumentException($"{type.Name} is not a practice.db row."));
            if (!commands.TryGetValue((type, upserting), out var command))
                commands[(type, upserting)] = command = sql.Prepare(connection, transaction, upserting);
            sql.Execute(command, row, upserting);
        }
        net.Clear();
    }

    private static async Task ClearBotDataAsync(PracticeDbContext db, PracticeBotRow bot)
    {
        var botId = bot.BotId;
        await db.Buyers.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Messages.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Updates.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Files.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Charges.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Transactions.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.InvoiceLinks.Where(x => x.BotId == botId).ExecuteDeleteAsync();
    }

    private static object KeyOf(object row) => row switch
    {
        PracticeBotRow b => b.BotId,
        PracticeBuyerRow b => (b.BotId, b.UserId),
        PracticeMessageRow m => (m.BotId, m.MessageId),
        PracticeUpdateRow u => u.Seq,
        PracticeFileRow f => f.FileId,
        PracticeChargeRow c => c.ChargeId,
        PracticeTransactionRow t => t.Seq,
        PracticeInvoiceLinkRow l => l.Slug,
        _ => throw new ArgumentException($"{row.GetType().Name} is not a practice.db row.", nameof(row)),
    };

    private static long BotIdOf(object row) => row switch
    {
        PracticeBotRow b => b.BotId,
        PracticeBuyerRow b => b.BotId,
        PracticeMessageRow m => m.BotId,
        PracticeUpdateRow u => u.BotId,
        PracticeFileRow f => f.BotId,
        PracticeChargeRow c => c.BotId,
        PracticeTransactionRow t => t.BotId,
        PracticeInvoiceLinkRow l => l.BotId,
        _ => throw new ArgumentException($"{row.GetType().Name} is not a practice.db row.", nameof(row)),
    };

    internal async Task<PracticeBot?> LoadAsync(long botId, PracticeRateLimitOptions rateLimits, DateTimeOffset updatesNotBefore, CancellationToken ct)
    {
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

    // ---- test hooks: stop the writer between queue and commit, and "kill the process" there ----

    /// <summary>Test hook: the writer takes batches but does not start committing them until <see cref="ReleaseCommits"/>.</summary>
    internal void HoldCommits()
    {
        lock (sync) hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal void ReleaseCommits()
    {
        TaskCompletionSource? released;
        lock (sync) { released = hold; hold = null; }
        released?.TrySetResult();
    }

    /// <summary>Test hook: completes once a change matching <paramref name="match"/> is queued (or already is, uncommitted).</summary>
    internal Task WhenQueuedAsync(Func<PracticeRowChange, bool> match)
    {
        lock (sync)
        {
            if (open.Changes.Any(match) || writing is { Started: false } w && w.Changes.Any(match)) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            watchers.Add((match, seen));
            return seen.Task;
        }
    }

    /// <summary>
    /// Test hook, the process dies: every change not yet committed is lost and its waiters never get an answer. A
    /// batch already being committed finishes first (a kill lands either before or after SQLite's commit).
    /// </summary>
    internal async Task CrashAsync()
    {
        var lost = new List<PracticeWriteBatch>();
        Task? committing = null;
        lock (sync)
        {
            lost.Add(open);
            open = new PracticeWriteBatch();
            if (writing is { Started: false } notStarted)
            {
                notStarted.Dropped = true;
                lost.Add(notStarted);
                writing = null;
            }
            else committing = writing?.Committed;
            lastChangeByBot.Clear();
        }
        foreach (var batch in lost) batch.Fail(new PracticeCrashedException());
        if (committing is not null) await committing.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>For a container disposed synchronously; the writer runs on the thread pool, so waiting here cannot deadlock.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>On shutdown: what is queued reaches the disk, then the writer ends.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? running;
        lock (sync)
        {
            stopping = true;
            running = writer;
            if (running is null) stopped = true;
        }
        ReleaseCommits();
        if (running is null) return;
        work.Release();
        await running;
    }
}
