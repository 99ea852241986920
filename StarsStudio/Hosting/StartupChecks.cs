using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
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

    private static HashSet<string> OurMigrations()
    {
        using var db = new StarsDbContext(new DbContextOptionsBuilder<StarsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Database.GetMigrations()];
    }
}
