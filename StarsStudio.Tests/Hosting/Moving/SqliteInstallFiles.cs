using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StarsStudio.Data;
using StarsStudio.Hosting.Moving;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>A SQLite install's database file in a data directory, opened or migrated outside any app.</summary>
internal static class SqliteInstallFiles
{
    public static StarsDbContext Open(string dataDirectory) => new(new DbContextOptionsBuilder<StarsDbContext>()
        .UseSqlite($"Data Source={Path.Combine(dataDirectory, "stars-studio.db")};Pooling=false")
        .Apply().Options);

    /// <summary>Migrated as the app would at start, up to <paramref name="migration"/> (null: all of them).</summary>
    public static async Task MigrateAsync(string dataDirectory, string? migration = null)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var db = Open(dataDirectory);
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }
}
