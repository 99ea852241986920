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
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // StartupChecks already refused unwritable directories and foreign databases before the host was built.
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaleMigrationLock.ClearAsync(db, logger, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets the dashboard read while the bot writes (it persists in the file once set).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        foreach (var seeder in services.GetServices<IStartupSeeder>())
            await seeder.SeedAsync(cancellationToken);
        logger.LogInformation("Database ready in {DataDirectory}", options.Value.FullDataDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Seeds data the app needs once the schema exists (roles, the owner from configuration, default settings).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
