using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Features.Practice.Data;

/// <summary>
/// Migrates practice.db at start. Registered before the bot host, whose first getMe goes to the emulator.
/// </summary>
internal sealed class PracticeDatabaseInitializer(IDbContextFactory<PracticeDbContext> dbFactory, ILogger<PracticeDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StarsStudio.Data.StaleMigrationLock.ClearAsync(db, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL: the page reads chats while buyers and the bot write; NORMAL sync is durable enough for a sandbox.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
