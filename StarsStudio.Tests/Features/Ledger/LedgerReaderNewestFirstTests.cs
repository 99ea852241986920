using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Ledger;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Tests.Features.Ledger;

/// <summary>
/// StarsStudio:Ledger:TelegramListsNewestFirst: for a Telegram that lists its newest transactions first, new ones are
/// read from the top and the read stops at the known ones, but only once a read has reached the end.
/// </summary>
public sealed class LedgerReaderNewestFirstTests : IAsyncLifetime
{
    private LocalShop shop = null!;

    public async Task InitializeAsync()
    {
        var api = await LocalBotApi.StartAsync();
        api.ListNewestFirst = true;
        shop = await LocalShop.StartAsync(api, configure: app => app
            .With("StarsStudio:Ledger:TelegramListsNewestFirst", "true")
            .With("StarsStudio:Ledger:MaxRateLimitWaits", "1"));
    }

    public async Task DisposeAsync()
    {
        var api = shop.Api;
        await shop.DisposeAsync();
        await api.DisposeAsync();
    }

    private RunningBot Bot => shop.App.Service<BotClientAccessor>().Require();
    private LedgerReader Reader => shop.App.Service<LedgerReader>();
    private List<int> Offsets() => [.. shop.Api.CallsOf("getStarTransactions").Select(c => c["offset"]?.GetValue<int>() ?? 0)];

    private async Task<List<string>> IdsAsync()
    {
        await using var db = await shop.App.DbAsync();
        return await db.LedgerEntries.AsNoTracking().Select(e => e.TransactionId).ToListAsync();
    }

    private void AddGifts(int from, int to)
    {
        for (var i = from; i < to; i++) shop.Api.AddStarTransaction($"g-{i}", LocalBotApi.UserPartner(100 + i, "gift_purchase"), 1);
    }

    [Fact]
    public async Task Read_NewestFirst_SecondRunReadsOnlyTheTopPageAndStopsAtTheKnownOnes()
    {
        AddGifts(0, 250);
        var first = await Reader.ReadAsync(Bot, rebuild: false, default);
        Assert.Equal([0, 100, 200], Offsets());
        Assert.Equal(250, first.Added);
        Assert.True(first.Complete);

        AddGifts(250, 280);
        var before = Offsets().Count;
        var second = await Reader.ReadAsync(Bot, rebuild: false, default);

        // Always from the top: the 30 new ones, then 70 known ones, more than the overlap, so the rest is known.
        Assert.Equal([0], Offsets().Skip(before));
        Assert.Equal(30, second.Added);
        Assert.True(second.Complete);
        var ids = await IdsAsync();
        Assert.Equal(280, ids.Count);
        Assert.Equal(280, ids.Distinct().Count());
    }

    [Fact]
    public async Task Read_NewestFirstCutShortBeforeTheEnd_NextReadGoesOnPastTheKnownOnes()
    {
        AddGifts(0, 250);
        // The first page is stored, then Telegram keeps answering 429 for the second: the read stops after one wait.
        shop.Api.FailMethod("getStarTransactions", "ok");
        shop.Api.FailMethod("getStarTransactions", "429", times: 2);
        await Assert.ThrowsAsync<ApiRequestException>(() => Reader.ReadAsync(Bot, rebuild: false, default));
        Assert.Equal(100, (await IdsAsync()).Count);

        var resumed = await Reader.ReadAsync(Bot, rebuild: false, default);

        // The top page is all known, yet the older 150 were never read: it reads on to the end instead of stopping.
        Assert.True(resumed.Complete);
        Assert.Equal(150, resumed.Added);
        var ids = await IdsAsync();
        Assert.Equal(250, ids.Count);
        Assert.Equal(250, ids.Distinct().Count());
    }

    [Fact]
    public async Task Read_NewestFirstNewOnesCutShort_NextReadFillsTheGapBelowThem()
    {
        AddGifts(0, 150);
        await Reader.ReadAsync(Bot, rebuild: false, default);
        // 250 new ones: the top 100 are stored, then the read stops on 429s, leaving 150 new ones below them unread.
        AddGifts(150, 400);
        shop.Api.FailMethod("getStarTransactions", "ok");
        shop.Api.FailMethod("getStarTransactions", "429", times: 2);
        await Assert.ThrowsAsync<ApiRequestException>(() => Reader.ReadAsync(Bot, rebuild: false, default));
        Assert.Equal(250, (await IdsAsync()).Count);

        var resumed = await Reader.ReadAsync(Bot, rebuild: false, default);

        Assert.True(resumed.Complete);
        Assert.Equal(150, resumed.Added);
        Assert.Equal(400, (await IdsAsync()).Distinct().Count());
    }
}
