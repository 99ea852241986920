using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Tests.Data;

/// <summary>The rehearsal's SQL counter: statements by kind, commands, transactions, savepoints.</summary>
public sealed class SqlStatementCounterTests
{
    [Fact]
    public void Count_BatchedCommand_CountsEachStatementByKind()
    {
        var counter = new SqlStatementCounter();
        counter.Count("INSERT INTO \"A\" VALUES (1) RETURNING \"Id\";\nINSERT INTO \"B\" VALUES ('x;y');\nSELECT changes();");
        counter.Count("UPDATE \"A\" SET \"V\" = 2 WHERE \"Id\" = 1");
        counter.Count("DELETE FROM \"A\"; BEGIN; PRAGMA busy_timeout=1;");

        var counts = counter.Snapshot();
        Assert.Equal(1, counts.Reads);
        Assert.Equal(4, counts.Writes);
        Assert.Equal(1, counts.Transactions);
        Assert.Equal(1, counts.Other);
        Assert.Equal(3, counts.Commands);
        Assert.Equal(5, counts.Statements);
    }

    [Fact]
    public void Count_InsideIgnore_IsLeftOut()
    {
        var counter = new SqlStatementCounter();
        using (SqlStatementCounter.Ignore()) counter.Count("SELECT 1");
        counter.Count("SELECT 2");
        Assert.Equal(1, counter.Snapshot().Reads);
    }

    [Fact]
    public async Task Interceptor_OnARealContext_CountsReadsWritesTransactionsAndSavepoints()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var counter = new SqlStatementCounter();
        var options = new DbContextOptionsBuilder<StarsDbContext>().UseSqlite(connection).AddInterceptors(counter).Options;
        await using (var setup = new StarsDbContext(options)) await setup.Database.EnsureCreatedAsync();
        var before = counter.Snapshot();

        await using var db = new StarsDbContext(options);
        await db.Orders.CountAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Orders.Where(o => o.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(o => o.Problem, "x"));
            db.ProcessedUpdates.Add(new ProcessedUpdate { BotId = 1, UpdateId = 1, ProcessedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(); // inside the caller's transaction EF Core wraps the save in a savepoint
            await tx.CommitAsync();
        }

        var counts = counter.Snapshot().Minus(before);
        Assert.Equal(1, counts.Reads);
        Assert.Equal(2, counts.Writes);
        Assert.Equal(1, counts.Transactions);
        Assert.Equal(3, counts.Commands);
        Assert.Equal(1, counts.Savepoints);
    }
}
