using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting;

/// <summary>
/// Two app instances on one PostgreSQL database, each behind its own Bot API standing for the same bot (as two
/// webhook instances behind a load balancer each receive some of its updates). What guards money must hold across
/// them: update-id dedupe, the unique charge id, and the stock limit.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    // Shared by both instances, as README's "Several instances" asks: the invoice payload key lives here.
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private const int Price = 5;
    private LocalShop first = null!;
    private LocalShop second = null!;

    public async Task InitializeAsync()
    {
        if (TestDatabase.Server is null) return; // PostgresFact skips every test then
        var firstApi = await LocalBotApi.StartAsync();
        var secondApi = await LocalBotApi.StartAsync();
        secondApi.NumberUpdatesFrom(500_000);
        first = await StartAsync(firstApi);
        second = await StartAsync(secondApi);
    }

    private readonly HashSet<LocalShop> stopped = [];

    private async Task StopAsync(LocalShop shop)
    {
        stopped.Add(shop);
        await shop.DisposeAsync();
        await shop.Api.DisposeAsync();
    }

    private Task<LocalShop> StartAsync(LocalBotApi api) => LocalShop.StartAsync(api, dataDirectory, app =>
    {
        foreach (var (key, value) in TestDatabase.PostgresSettings(dataDirectory)) app.With(key, value);
    });

    public async Task DisposeAsync()
    {
        if (TestDatabase.Server is null) return;
        foreach (var shop in new[] { first, second })
        {
            if (shop is null || stopped.Contains(shop)) continue;
            await StopAsync(shop);
        }
        await TestDatabase.DropAsync(dataDirectory);
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [PostgresFact]
    public async Task SamePaymentUpdate_ToBothInstances_RecordedAndDeliveredOnce()
    {
        var buyer = SharedShop.NewBuyer();
        var action = await CatalogSeed.LiveAsync(first.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("credits"), price: Price));
        var (invoice, order) = await first.BuyAsync(buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await first.PreCheckoutAsync(buyer, payload, Price)).Ok);

        // Telegram redelivers one update (same update_id) and each instance gets a copy.
        var updateId = first.Pay(buyer, payload, Price, "charge-both", updateId: 900_001);
        second.Pay(buyer, payload, Price, "charge-both", updateId);
        await first.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        await first.SettleAsync();
        await second.SettleAsync();

        await using var db = await first.App.DbAsync();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.ChargeId == "charge-both"));
        Assert.Equal(1, await db.CreditGrants.CountAsync(g => g.OrderId == order.Id));
        Assert.Single(first.Api.SentTexts(buyer).Concat(second.Api.SentTexts(buyer)), t => t.Contains(order.Code) && t.Contains("/paysupport"));
    }

    [PostgresFact]
    public async Task SameChargeId_DifferentUpdates_OnBothInstances_OnePayment()
    {
        var buyer = SharedShop.NewBuyer();
        var action = await CatalogSeed.LiveAsync(first.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("credits"), price: Price));
        var (invoice, order) = await first.BuyAsync(buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await first.PreCheckoutAsync(buyer, payload, Price)).Ok);

        // Two different updates carrying one charge: the unique charge id decides, whichever instance is first.
        first.Pay(buyer, payload, Price, "charge-twice");
        second.Pay(buyer, payload, Price, "charge-twice");
        await first.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        await first.SettleAsync();
        await second.SettleAsync();

        await using var db = await second.App.DbAsync();
        var payment = Assert.Single(await db.Payments.AsNoTracking().Where(p => p.ChargeId == "charge-twice").ToListAsync());
        Assert.Equal(order.Id, payment.OrderId);
        Assert.Equal(1, await db.CreditGrants.CountAsync(g => g.OrderId == order.Id));
    }

    [PostgresFact]
    public async Task LastUnit_PreCheckoutsOnBothInstancesAtOnce_ExactlyOneApproved()
    {
        var action = await CatalogSeed.LiveAsync(first.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("credits"), price: Price), f => f.StockLimit = 1);
        var attempts = new List<(LocalShop Shop, long Buyer, string Payload)>();
        for (var i = 0; i < 6; i++)
        {
            var shop = i % 2 == 0 ? first : second;
            var buyer = SharedShop.NewBuyer();
            var (invoice, _) = await shop.BuyAsync(buyer, action);
            attempts.Add((shop, buyer, invoice["payload"]!.GetValue<string>()));
        }

        var answers = await Task.WhenAll(attempts.Select(a => a.Shop.PreCheckoutAsync(a.Buyer, a.Payload, Price)));

        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Contains("sold out", a.Error));
        await using var db = await first.App.DbAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.ActionId == action.Id && o.Status == OrderStatus.Approved));
    }

    [PostgresFact]
    public async Task Singletons_HeldByOneInstance_MoveToTheOtherWhenItStops()
    {
        string[] names = ["order-expiry", "reconciliation", "reminders"];
        Singletons Of(LocalShop shop) => shop.App.Service<Singletons>();
        await Eventually.UntilAsync(() => names.All(n => Of(first).Held.Contains(n) || Of(second).Held.Contains(n)), "every singleton to run somewhere");
        Assert.All(names, n => Assert.False(Of(first).Held.Contains(n) && Of(second).Held.Contains(n), $"{n} runs on both instances"));

        var holder = Of(first).Held.Contains("order-expiry") ? first : second;
        var other = holder == first ? second : first;
        await StopAsync(holder);

        await Eventually.UntilAsync(() => names.All(Of(other).Held.Contains), "the other instance to take every singleton over");
        var health = await other.App.CreateClient().GetStringAsync("/healthz");
        Assert.Contains("\"order-expiry\"", health);
    }

    [PostgresFact]
    public async Task OrderChangedOnOneInstance_OpenDashboardOnTheOtherHearsOfIt()
    {
        var heard = new System.Collections.Concurrent.ConcurrentQueue<(long OrderId, OrderStatus Status)>();
        var notifier = second.App.Service<OrderNotifier>();
        void Listen(long id, OrderStatus status) => heard.Enqueue((id, status));
        notifier.OrderChanged += Listen;
        try
        {
            var buyer = SharedShop.NewBuyer();
            var action = await CatalogSeed.LiveAsync(first.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("credits"), price: Price));
            var (invoice, order) = await first.BuyAsync(buyer, action);
            Assert.True((await first.PreCheckoutAsync(buyer, invoice["payload"]!.GetValue<string>(), Price)).Ok);
            first.Pay(buyer, invoice["payload"]!.GetValue<string>(), Price, "charge-notify");
            await first.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

            await Eventually.UntilAsync(() => heard.Contains((order.Id, OrderStatus.Delivered)), "the other instance to hear the order was delivered");
        }
        finally { notifier.OrderChanged -= Listen; }
    }

    [PostgresFact]
    public async Task TwoInstancesStartingTogether_OnAnEmptyDatabase_MigrateOnceAndBothServe()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        StarsAppFactory NewApp()
        {
            var app = new StarsAppFactory().With("StarsStudio:DataDirectory", directory);
            foreach (var (key, value) in TestDatabase.PostgresSettings(directory)) app.With(key, value);
            return app;
        }
        await using var one = NewApp();
        await using var two = NewApp();
        try
        {
            await Task.WhenAll(Task.Run(one.Start), Task.Run(two.Start));

            // Both serve: healthy once each one's (practice) bot has connected.
            foreach (var app in new[] { one, two })
            {
                using var client = app.CreateClient();
                await Eventually.GetAsync(() => client.GetAsync("/healthz"), r => r.IsSuccessStatusCode, r => $"/healthz stayed {(int)r.StatusCode}");
            }
            await using var db = await one.DbAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        }
        finally
        {
            await one.DisposeAsync();
            await two.DisposeAsync();
            await TestDatabase.DropAsync(directory);
            try { Directory.Delete(directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
