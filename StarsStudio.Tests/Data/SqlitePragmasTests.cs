using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Data;

/// <summary>Every connection the app hands out has WAL-friendly sync and a busy timeout, also when it comes from the pool.</summary>
public sealed class SqlitePragmasTests
{
    [Fact]
    public async Task EveryOpenedConnection_HasNormalSyncAndABusyTimeout_FirstAndPooledAlike()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var factory = app.Service<IDbContextFactory<StarsDbContext>>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(10000L, await Scalar(db, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await Scalar(db, "PRAGMA synchronous")); // 1 = NORMAL
            Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode"));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> Scalar(StarsDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
