using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StarsStudio.Data;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// Which database the test apps run on. <c>STARS_TEST_POSTGRES</c> names a PostgreSQL server (./test.sh starts a
/// throwaway one); with <c>STARS_TEST_DATABASE=Postgres</c> as well, every test app runs on it instead of SQLite.
/// An app's database belongs to its data directory, as the SQLite file does, so a test that restarts the app on
/// the same data directory finds its data again; it is dropped with the directory.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "STARS_TEST_POSTGRES";
    public const string ProviderVariable = "STARS_TEST_DATABASE";

    /// <summary>The PostgreSQL server's connection string (no database), or null when none is given.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Test apps run on PostgreSQL (this run of the suite covers the Postgres provider).</summary>
    public static bool AppsOnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>One database per data directory; PostgreSQL names are at most 63 bytes.</summary>
    public static string NameFor(string dataDirectory) =>
        "stars_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24].ToLowerInvariant();

    public static string ConnectionStringFor(string dataDirectory) => ConnectionStringForDatabase(NameFor(dataDirectory));

    /// <summary>A connection string to one database on the test server.</summary>
    public static string ConnectionStringForDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(Server ?? throw new InvalidOperationException($"{ServerVariable} is not set: no PostgreSQL server to test on."))
        {
            Database = database,
            // Hundreds of short-lived apps share one server: let idle connections of finished ones go quickly.
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

    /// <summary>The settings that put an app with this data directory on PostgreSQL (migrating creates the database).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> PostgresSettings(string dataDirectory) =>
    [
        new("Database:Provider", "Postgres"),
        new("ConnectionStrings:StarsStudio", ConnectionStringFor(dataDirectory)),
    ];

    /// <summary>A context on the data directory's database, outside any app (to look at what a stopped app left).</summary>
    public static StarsDbContext Open(string dataDirectory) => AppsOnPostgres
        ? new PostgresStarsDbContext(new DbContextOptionsBuilder<PostgresStarsDbContext>().UseNpgsql(ConnectionStringFor(dataDirectory)).Options)
        : new StarsDbContext(new DbContextOptionsBuilder<StarsDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataDirectory, "stars-studio.db")};Pooling=false").Options);

    /// <summary>Drops the data directory's database if there is one.</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        if (Server is null) return;
        await DropDatabaseAsync(NameFor(dataDirectory));
    }

    /// <summary>Drops a database of the test server (FORCE: a finished app's pooled connections may linger).</summary>
    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = await OpenServerAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An unpooled connection to the test server's maintenance database (to create and drop databases).</summary>
    public static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
