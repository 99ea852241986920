using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Audit;
using StarsStudio.Hosting.Moving;

namespace StarsStudio.Tests.Data;

/// <summary>
/// The app's SQLite writers take turns in memory. A writer that has to wait gets a pending task back instead of
/// a thread blocked in SQLite's busy handler. Microsoft.Data.Sqlite's "async" calls are synchronous, so without
/// the gate each of these waits would block the test's own thread until the busy timeout failed it.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    // Its own file and gate, with no app beside it: no background writer can take a turn mid-test.
    private readonly string file = Path.Combine(Path.GetTempPath(), $"write-gate-{Guid.NewGuid():N}.db");
    private DbContextOptions<StarsDbContext> options = null!;

    public async Task InitializeAsync()
    {
        // Its own model too: EF Core caches one per context type, and one built elsewhere without Identity's
        // schema version would look like pending changes to MigrateAsync.
        options = new DbContextOptionsBuilder<StarsDbContext>()
            .UseSqlite($"Data Source={file}")
            .Apply()
            .AddInterceptors(new SqlitePragmas(), new SqliteWriteGateInterceptor(new SqliteWriteGate()))
            .Options;
        await using var db = Open();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        return Task.CompletedTask;
    }

    private StarsDbContext Open() => new(options);

    [Fact]
    public async Task SecondTransaction_WaitsWithoutBlocking_AndStartsWhenTheFirstCommits()
    {
        await using var first = Open();
        await using var second = Open();
        var firstTx = await first.Database.BeginTransactionAsync();

        var secondStart = second.Database.BeginTransactionAsync();
        Assert.False(secondStart.IsCompleted);

        first.AuditEntries.Add(Entry("first"));
        await first.SaveChangesAsync();
        await firstTx.CommitAsync();

        await using var secondTx = await secondStart;
        second.AuditEntries.Add(Entry("second"));
        await second.SaveChangesAsync();
        await secondTx.CommitAsync();
        Assert.Equal(["first", "second"], await Details());
    }

    [Fact]
    public async Task WriteOutsideATransaction_WaitsItsTurn_WhileReadsGoAhead()
    {
        await using var holder = Open();
        await using var other = Open();
        await using var holderTx = await holder.Database.BeginTransactionAsync();
        holder.AuditEntries.Add(Entry("held"));
        await holder.SaveChangesAsync();

        // Reads are never gated (WAL lets them run beside the writer): this one completes and sees nothing uncommitted.
        Assert.Equal(0, await other.AuditEntries.CountAsync());
        var update = other.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, "updated"));
        Assert.False(update.IsCompleted);

        await holderTx.CommitAsync();
        Assert.Equal(1, await update);
        Assert.Equal(["updated"], await Details());
    }

    [Fact]
    public async Task TransactionDisposedWithoutCommit_GivesTheTurnBack()
    {
        await using (var abandoned = Open())
        {
            await using var tx = await abandoned.Database.BeginTransactionAsync();
            abandoned.AuditEntries.Add(Entry("rolled back"));
            await abandoned.SaveChangesAsync();
            Assert.False(SqliteWriteGate.IsFree(abandoned.Database.GetDbConnection()));
        }

        await using var next = Open();
        Assert.True(SqliteWriteGate.IsFree(next.Database.GetDbConnection()));
        var start = next.Database.BeginTransactionAsync();
        Assert.True(start.IsCompleted);
        await using var nextTx = await start;
        next.AuditEntries.Add(Entry("next"));
        await next.SaveChangesAsync();
        await nextTx.CommitAsync();
        Assert.Equal(["next"], await Details());
    }

    [Fact]
    public async Task FailedStatementInsideATransaction_DoesNotKeepTheTurn()
    {
        await using (var failing = Open())
        {
            await using var tx = await failing.Database.BeginTransactionAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => failing.Database.ExecuteSqlRawAsync("INSERT INTO NoSuchTable VALUES (1)"));
        }
        await using var next = Open();
        Assert.True(SqliteWriteGate.IsFree(next.Database.GetDbConnection()));
    }

    [Fact]
    public void WriteDetection_CoversWritesAndCtesWithoutSplittingOrdinaryReads()
    {
        Assert.True(SqlStatementKinds.IsWrite("INSERT INTO x VALUES (1)"));
        Assert.True(SqlStatementKinds.IsWrite("  update x set a = 1"));
        Assert.True(SqlStatementKinds.IsWrite("-- claim\nUPDATE x SET a = 1 RETURNING id"));
        Assert.True(SqlStatementKinds.IsWrite("SELECT 1; DELETE FROM x"));
        Assert.True(SqlStatementKinds.IsWrite("WITH c AS (SELECT 1) UPDATE x SET a = 1"));
        Assert.False(SqlStatementKinds.IsWrite("SELECT * FROM x WHERE note = 'update'"));
        Assert.False(SqlStatementKinds.IsWrite("WITH c AS (SELECT 1) SELECT * FROM c"));
        Assert.False(SqlStatementKinds.IsWrite("PRAGMA busy_timeout"));
    }

    private static AuditEntry Entry(string detail) => new() { At = DateTimeOffset.UtcNow, Actor = "test", Area = "test", Detail = detail };

    private async Task<List<string>> Details()
    {
        await using var db = Open();
        return await db.AuditEntries.Where(a => a.Actor == "test").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync();
    }
}
