using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using StarsStudio.Data;

namespace StarsStudio.Hosting;

/// <summary>
/// Runs first at start: applies migrations, then lets the seeders (roles, owner from configuration) run.
/// </summary>
internal sealed class DatabaseInitializer(
    IDbContextFactory<StarsDbContext> dbFactory,
    IOptions<StarsStudioOptions> options,
    IOptions<DatabaseOptions> database,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // StartupChecks already refused unwritable directories and foreign databases before the host was built.
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (database.Value.Provider == DatabaseProvider.Postgres)
            {
                // Instances starting together migrate one after another under a session advisory lock of our own:
                // EF Core's lock on Npgsql is released between migrations, so with two pending migrations a second
                // instance re-applied the one the first was still running ("column … already exists"). The lock
                // needs the database, so an empty one is created first (a lost race to create it is fine); a
                // killed instance's lock dies with its session.
                try
                {
                    await EnsureDatabaseExistsAsync(db, cancellationToken);
                    await using (await LockAsync("migrations", cancellationToken))
                        await db.Database.MigrateAsync(cancellationToken);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    throw PostgresProblems.Explain(e, db.Database.GetConnectionString() ?? "");
                }
            }
            else
            {
                await StaleMigrationLock.ClearAsync(db, logger, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                // WAL lets the dashboard read while the bot writes (it persists in the file once set).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        // Seeders check, then insert (roles, the owner): instances starting together on PostgreSQL take turns, so
        // the second finds what the first made instead of failing on the unique index.
        await using (await SeedingLockAsync(cancellationToken))
            foreach (var seeder in services.GetServices<IStartupSeeder>())
                await seeder.SeedAsync(cancellationToken);
        logger.LogInformation("Database ready ({Provider}); data directory {DataDirectory}", database.Value.Provider, options.Value.FullDataDirectory);
    }

    private async Task<IAsyncDisposable?> SeedingLockAsync(CancellationToken ct) =>
        database.Value.Provider == DatabaseProvider.Postgres ? await LockAsync("seeding", ct) : null;

    private async Task<IAsyncDisposable> LockAsync(string name, CancellationToken ct)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("StarsStudio")!;
        return await new Medallion.Threading.Postgres.PostgresDistributedLock(
            new Medallion.Threading.Postgres.PostgresAdvisoryLockKey(Singletons.LockName(connectionString, name), allowHashing: true), Singletons.LockConnectionString(connectionString)).AcquireAsync(cancellationToken: ct);
    }

    private static async Task EnsureDatabaseExistsAsync(StarsDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try { await creator.CreateAsync(ct); }
        catch (Npgsql.PostgresException e) when (e.SqlState is "42P04" or "23505") { } // another instance made it first
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Seeds data the app needs once the schema exists (roles, the owner from configuration, default settings).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
