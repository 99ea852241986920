using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

/// <summary>update_id dedupe on the real database: fresh ids skip the query, redeliveries are caught, also after a restart.</summary>
public sealed class UpdateDeduplicatorTests
{
    [Fact]
    public async Task Redelivery_IsCaught_FreshIdIsNot_AlsoForANewInstanceOnTheSameDatabase()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var factory = app.Service<IDbContextFactory<StarsDbContext>>();
        var first = new UpdateDeduplicator(factory, TimeProvider.System);

        Assert.False(await first.IsProcessedAsync(77, 10, default));
        await first.MarkProcessedAsync(77, 10, default);
        Assert.True(await first.IsProcessedAsync(77, 10, default));
        Assert.False(await first.IsProcessedAsync(77, 11, default));
        Assert.False(await first.IsProcessedAsync(78, 10, default)); // another bot's ids are its own

        // A mark written inside a money handler's transaction (not through this instance) is still seen.
        await using (var db = await app.DbAsync())
            await UpdateDeduplicator.MarkProcessedAsync(db, 77, 5, DateTimeOffset.UtcNow, default);
        Assert.True(await first.IsProcessedAsync(77, 5, default));

        // After a restart the highest processed id comes from the database.
        var restarted = new UpdateDeduplicator(factory, TimeProvider.System);
        Assert.True(await restarted.IsProcessedAsync(77, 10, default));
        Assert.True(await restarted.IsProcessedAsync(77, 5, default));
        Assert.False(await restarted.IsProcessedAsync(77, 12, default));
    }

    [Fact]
    public async Task ProcessedAmong_ABatch_NamesExactlyTheRedeliveries()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var factory = app.Service<IDbContextFactory<StarsDbContext>>();
        var dedupe = new UpdateDeduplicator(factory, TimeProvider.System);
        await dedupe.MarkProcessedAsync(91, 20, default);
        await dedupe.MarkProcessedAsync(91, 22, default);
        await dedupe.MarkProcessedAsync(92, 21, default); // another bot's id
        await using (var db = await app.DbAsync())
            await UpdateDeduplicator.MarkProcessedAsync(db, 91, 18, DateTimeOffset.UtcNow, default); // marked in a money handler's transaction

        var processed = await dedupe.ProcessedAmongAsync(91, [17, 18, 20, 21, 22, 23], default);

        Assert.Equal([18, 20, 22], processed.Order());
        Assert.Empty(await dedupe.ProcessedAmongAsync(91, [], default));
        // After a restart the mark comes from the database, and the answer is the same.
        Assert.Equal([18, 20, 22], (await new UpdateDeduplicator(factory, TimeProvider.System).ProcessedAmongAsync(91, [17, 18, 20, 21, 22, 23], default)).Order());
    }
}
