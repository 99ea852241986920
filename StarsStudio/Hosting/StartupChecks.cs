using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using StarsStudio.Data;

namespace StarsStudio.Hosting;

/// <summary>
/// Checks an operator can act on, run while the app is being composed (before the host starts, so no
/// framework log prints a stack trace): the data directory is writable and the database file is ours.
/// </summary>
internal static class StartupChecks
{
    public static void EnsureWritableDataDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new StartupProblemException(
                $"StarsStudio cannot write to its data directory '{directory}' ({e.GetType().Name}); set StarsStudio:DataDirectory to a folder this user can write.", e);
        }
    }

    /// <summary>An empty or missing file is fine (migrations create it); anything else must carry our migrations.</summary>
    public static void EnsureStarsStudioDatabase(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || !File.Exists(path) || new FileInfo(path).Length == 0) return;

        var tables = new List<string>();
        var applied = new List<string>();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'";
                using var reader = command.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            if (tables.Contains(HistoryRepository.DefaultTableName))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT MigrationId FROM \"{HistoryRepository.DefaultTableName}\"";
                using var reader = command.ExecuteReader();
                while (reader.Read()) applied.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e)
        {
            throw new StartupProblemException(
                $"'{path}' is not a SQLite database (SQLite says: {e.Message.TrimEnd('.')}); move it away or point ConnectionStrings:StarsStudio elsewhere.", e);
        }

        if (tables.Count == 0) return;
        var ours = OurMigrations();
        if (!applied.Any(ours.Contains))
            throw new StartupProblemException(
                $"'{path}' is not a StarsStudio database (it holds other tables); move it away or point ConnectionStrings:StarsStudio elsewhere.");
    }

    /// <summary>
    /// The server answers, the credentials work, and the database is empty or carries our (Postgres) migrations.
    /// A database that does not exist yet is fine: migrating creates it, and says so if it may not.
    /// </summary>
    public static void EnsureStarsStudioPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e)
        {
            // The message would quote the string, password included: say only which key is wrong.
            throw new StartupProblemException("ConnectionStrings:StarsStudio is not an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).", new ArgumentException(e.ParamName));
        }

        var tables = new List<string>();
        var applied = new List<string>();
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
                using var reader = command.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            if (tables.Contains(HistoryRepository.DefaultTableName))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
                using var reader = command.ExecuteReader();
                while (reader.Read()) applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName) { return; }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw PostgresProblems.Explain(e, connectionString);
        }

        if (tables.Count == 0) return;
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var ours = db.Database.GetMigrations().ToHashSet();
        if (!applied.Any(ours.Contains))
            throw new StartupProblemException(
                $"PostgreSQL {PostgresProblems.Where(connectionString)} is not a StarsStudio database (it holds other tables); create an empty database for StarsStudio and point ConnectionStrings:StarsStudio at it.");
    }

    private static HashSet<string> OurMigrations()
    {
        using var db = new StarsDbContext(new DbContextOptionsBuilder<StarsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Database.GetMigrations()];
    }
}
