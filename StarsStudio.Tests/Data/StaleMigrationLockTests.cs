using Microsoft.Data.Sqlite;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Data;

/// <summary>A process killed while migrating leaves EF Core's lock row; the next start must not wait on it forever.</summary>
public sealed class StaleMigrationLockTests
{
    [Fact]
    public async Task Start_AfterAKillLeftMigrationLockRows_ClearsThemAndStarts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new StarsAppFactory().With("StarsStudio:DataDirectory", dir))
            first.Start();

        // What a SIGKILL between EF's lock and unlock leaves behind, in both databases.
        foreach (var file in new[] { "stars-studio.db", "practice.db" })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, file)};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-27 00:00:00+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var second = new StarsAppFactory().With("StarsStudio:DataDirectory", dir);
        var started = Task.Run(second.Start);
        var finished = await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(finished == started, "the app was still waiting on the stale migration lock after 90 s");
        await started;
        foreach (var file in new[] { "stars-studio.db", "practice.db" })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, file)};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsLock\"";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }
}
