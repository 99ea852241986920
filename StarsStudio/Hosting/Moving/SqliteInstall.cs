using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// The SQLite install the app would use with the same configuration, opened read-only inside one read
/// transaction: everything copied and counted comes from the same snapshot, even if something still writes.
/// </summary>
internal sealed class SqliteInstall : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction snapshot;

    private SqliteInstall(string dataDirectory, string databasePath, SqliteConnection connection, SqliteTransaction snapshot, StarsDbContext db)
    {
        DataDirectory = dataDirectory;
        DatabasePath = databasePath;
        this.connection = connection;
        this.snapshot = snapshot;
        Db = db;
    }

    /// <summary>The data directory: Data Protection keys, uploaded deliverables and the payload key live there.</summary>
    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public StarsDbContext Db { get; }

    public static async Task<SqliteInstall> OpenAsync(IConfiguration configuration, CancellationToken ct)
    {
        if (DatabaseOptions.From(configuration).Provider == DatabaseProvider.Postgres)
            throw new CopyDataProblemException(
                "Database:Provider is Postgres in this configuration, so it names no SQLite install; run copy-data with the configuration the app used on SQLite.");
        var dataDirectory = StarsStudioOptions.From(configuration).FullDataDirectory;
        var connectionString = configuration.GetConnectionString("StarsStudio");
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(dataDirectory, "stars-studio.db")}";

        string path;
        try { path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource); }
        catch (ArgumentException) { throw new CopyDataProblemException("ConnectionStrings:StarsStudio is not a SQLite connection string (Data Source=<file>)."); }
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
            throw new CopyDataProblemException(
                $"There is no StarsStudio database at '{path}'; run copy-data with the StarsStudio:DataDirectory (or ConnectionStrings:StarsStudio) the app uses.");
        try { StartupChecks.EnsureStarsStudioDatabase(connectionString); }
        catch (StartupProblemException e) { throw new CopyDataProblemException(e.Message, e); }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString)
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // Deferred: a read transaction, which a read-only connection may hold (IMMEDIATE would ask for the write lock).
            var snapshot = connection.BeginTransaction(deferred: true);
            var db = new StarsDbContext(new DbContextOptionsBuilder<StarsDbContext>()
                .UseSqlite(connection, sqlite => sqlite.CommandTimeout(300))
                .Apply()
                .Options);
            await db.Database.UseTransactionAsync(snapshot, ct);
            var install = new SqliteInstall(dataDirectory, path, connection, snapshot, db);
            await install.EnsureUpToDateAsync(ct);
            return install;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new CopyDataProblemException($"StarsStudio cannot read '{path}' (SQLite says: {e.Message.TrimEnd('.')}).", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The copy is only exact when the file has this checkout's schema: the PostgreSQL model is built from it.</summary>
    private async Task EnsureUpToDateAsync(CancellationToken ct)
    {
        var pending = (await Db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new CopyDataProblemException(
                $"The database at '{DatabasePath}' lacks {pending.Count} of this version's migrations; start the app once on it (it migrates at start), stop it, then run copy-data again.");
        var known = Db.Database.GetMigrations().ToHashSet();
        var unknown = (await Db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new CopyDataProblemException(
                $"The database at '{DatabasePath}' was migrated by a newer StarsStudio (migration {unknown[0]}); run copy-data from that version.");
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await snapshot.DisposeAsync();
        await connection.DisposeAsync();
    }
}
