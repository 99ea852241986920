using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>The emulator's write-behind journal on a real practice.db: what is queued reaches the disk, netted, and one bad row costs nothing else.</summary>
public sealed class PracticeStoreTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "stars-store-" + Guid.NewGuid().ToString("N"));
    private Factory factory = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        factory = new Factory(new DbContextOptionsBuilder<PracticeDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "practice.db")};Pooling=False").Options);
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static PracticeBuyerRow Buyer(long id, long stars) => new() { BotId = 1, UserId = id, FirstName = "Buyer " + id, Stars = stars };

    [Fact]
    public async Task Queued_InsertThenChange_SavedOnceWithTheLatestValues_InsertThenDelete_NeverSaved()
    {
        await using var store = new PracticeStore(factory, NullLogger<PracticeStore>.Instance);
        var kept = Buyer(10, 5);
        var dropped = Buyer(11, 7);
        store.Insert(kept, dropped);
        kept.Stars = 42;
        store.Update(kept);
        store.Delete([dropped]);
        await store.FlushAsync();

        await using var db = factory.CreateDbContext();
        var rows = await db.Buyers.AsNoTracking().ToListAsync();
        var only = Assert.Single(rows);
        Assert.Equal((10L, 42L), (only.UserId, only.Stars));
    }

    [Fact]
    public async Task OneRowBreaksTheBatch_TheOthersAreStillSaved()
    {
        await using var store = new PracticeStore(factory, NullLogger<PracticeStore>.Instance);
        store.Insert(Buyer(20, 1));
        await store.FlushAsync();

        // A second row with an existing key fails; the rows queued with it must not be lost.
        store.Insert(Buyer(21, 2), Buyer(20, 99), Buyer(22, 3));
        await store.FlushAsync();

        await using var db = factory.CreateDbContext();
        var stars = await db.Buyers.AsNoTracking().OrderBy(b => b.UserId).Select(b => new { b.UserId, b.Stars }).ToListAsync();
        Assert.Equal([(20L, 1L), (21L, 2L), (22L, 3L)], stars.Select(s => (s.UserId, s.Stars)));
    }

    [Fact]
    public async Task NextSeq_ContinuesAfterTheHighestSavedKey_AcrossARestart()
    {
        long last;
        await using (var store = new PracticeStore(factory, NullLogger<PracticeStore>.Instance))
        {
            var first = store.NextSeq();
            last = store.NextSeq();
            Assert.True(last > first);
            store.Insert(new PracticeUpdateRow { Seq = last, BotId = 1, UpdateId = 1, Json = "{}" });
        } // disposing flushes

        await using var again = new PracticeStore(factory, NullLogger<PracticeStore>.Instance);
        Assert.True(again.NextSeq() > last);
    }

    private sealed class Factory(DbContextOptions<PracticeDbContext> options) : IDbContextFactory<PracticeDbContext>
    {
        public PracticeDbContext CreateDbContext() => new(options);
    }
}
