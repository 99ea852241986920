using Microsoft.EntityFrameworkCore;
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
                // EF Core's Npgsql migrator holds a PostgreSQL advisory lock while it migrates, so instances
                // starting together migrate once; a killed instance's lock dies with its session.
                try { await db.Database.MigrateAsync(cancellationToken); }
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

    private async Task<IAsyncDisposable?> SeedingLockAsync(CancellationToken ct)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres) return null;
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("StarsStudio")!;
        return await new Medallion.Threading.Postgres.PostgresDistributedLock(
            new Medallion.Threading.Postgres.PostgresAdvisoryLockKey("starsstudio:seeding", allowHashing: true), connectionString).AcquireAsync(cancellationToken: ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Seeds data the app needs once the schema exists (roles, the owner from configuration, default settings).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
