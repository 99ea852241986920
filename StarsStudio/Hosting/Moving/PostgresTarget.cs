using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using StarsStudio.Data;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// The PostgreSQL database copy-data fills: reachable, StarsStudio's or blank, migrated with the Postgres
/// migrations, and empty. Every sentence about it names host, port, database and user, never the password.
/// </summary>
internal sealed class PostgresTarget : IAsyncDisposable
{
    private PostgresTarget(string connectionString, PostgresStarsDbContext db)
    {
        ConnectionString = connectionString;
        Db = db;
    }

    public string ConnectionString { get; }

    public PostgresStarsDbContext Db { get; }

    /// <summary>"database 'stars' on db:5432 as 'stars'".</summary>
    public string Where => PostgresProblems.Where(ConnectionString);

    public static async Task<PostgresTarget> PrepareAsync(string connectionString, CancellationToken ct)
    {
        try { StartupChecks.EnsureStarsStudioPostgres(connectionString); }
        catch (StartupProblemException e) { throw Reworded(e); }

        var db = new PostgresStarsDbContext(new DbContextOptionsBuilder<PostgresStarsDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(300))
            .Apply()
            .Options);
        var target = new PostgresTarget(connectionString, db);
        try
        {
            // Before migrating: a database some install already uses is refused without being touched.
            await target.EnsureEmptyAsync(ct);
            await db.Database.MigrateAsync(ct);
            return target;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await db.DisposeAsync();
            throw Reworded(PostgresProblems.Explain(e, connectionString));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// "Empty" is what migrating leaves: no rows but the model's seed data (the default settings row). A database
    /// an app has started on holds roles at least, and is refused.
    /// </summary>
    public async Task EnsureEmptyAsync(CancellationToken ct)
    {
        var occupied = new List<string>();
        try
        {
            var existing = await ExistingTablesAsync(ct);
            foreach (var set in TableOrder.Of(Db.Model).Where(t => existing.Contains(t.GetTableName()!)))
            {
                var rows = await TableRows.CountAsync(Db, set, ct);
                if (rows > TableRows.SeedRows(Db, set)) occupied.Add($"{set.GetTableName()} holds {rows} row{(rows == 1 ? "" : "s")}");
            }
        }
        finally
        {
            // Migrating wants the connection as it found it; inside the copy's transaction it stays open.
            if (Db.Database.CurrentTransaction is null) await Db.Database.CloseConnectionAsync();
        }
        if (occupied.Count > 0)
            throw new CopyDataProblemException(
                $"The target database is not empty: {string.Join(", ", occupied)} in PostgreSQL {Where}; copy-data only fills a new, empty database (createdb one), so nothing was copied.");
    }

    private async Task<HashSet<string>> ExistingTablesAsync(CancellationToken ct)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = await TableRows.CommandAsync(Db,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet: migrating creates it.
        }
        return tables;
    }

    /// <summary>The shared wording names the app's setting; here the operator typed the target as --to-postgres.</summary>
    private static CopyDataProblemException Reworded(StartupProblemException e) =>
        new(e.Message.Replace("ConnectionStrings:StarsStudio", "--to-postgres", StringComparison.Ordinal), e);

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
