using System.Net;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>The orders browser's search, filters and paging, and the CSV export of the same set, on real SQLite.</summary>
/// <remarks>The tests read one seeded shop (a class fixture); the export test's time-zone setting only affects exports.</remarks>
public sealed class OrderQueryTests(OrderQueryTests.SeededShop seeded) : IClassFixture<OrderQueryTests.SeededShop>
{
    private readonly StarsAppFactory app = seeded.App;
    private readonly PaidAction text = seeded.Text;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    // 2026-03-10 00:30 in Berlin is still 2026-03-09 in UTC: the day filter must follow the creator's zone.
    private static readonly DateTimeOffset BerlinEarlyMorning = new(2026, 3, 9, 23, 30, 0, TimeSpan.Zero);

    public sealed class SeededShop : IAsyncLifetime
    {
        public StarsAppFactory App { get; } = new();
        public PaidAction Credits { get; private set; } = null!;
        public PaidAction Text { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var app = App;
            app.Start();
            await TestUsers.SeedAllRolesAsync(app);
            Credits = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits());
            Text = await CatalogSeed.LiveAsync(app, CatalogSeed.Text());
            await using var db = await app.DbAsync();
            db.Buyers.Add(new Buyer { BotId = 1, TelegramUserId = 7001, FirstName = "Ana", Username = "Ana_Star", UsernameKey = "ana_star" });
            db.Buyers.Add(new Buyer { BotId = 1, TelegramUserId = 7002, FirstName = "Ben", Username = "ben", UsernameKey = "ben" });
            var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 30; i++)
            {
                var status = (i % 3) switch { 0 => OrderStatus.Delivered, 1 => OrderStatus.DeliveryFailed, _ => OrderStatus.InvoiceSent };
                db.Orders.Add(new Order
                {
                    Code = $"SS-{i:D2}ABC", BotId = 1, BuyerId = i % 2 == 0 ? 7001 : 7002, ActionId = i % 2 == 0 ? Credits.Id : Text.Id, ActionVersion = 1,
                    Kind = ActionKind.CreditPack, Stars = 5, Status = status, CreatedAt = start.AddDays(i), ExpiresAt = start.AddDays(i + 1),
                    ChargeId = status == OrderStatus.InvoiceSent ? null : $"tg-charge-{i}", Resolved = i == 1,
                });
            }
            db.Orders.Add(new Order
            {
                Code = "SS-EARLY", BotId = 1, BuyerId = 7003, ActionId = Credits.Id, ActionVersion = 1, Kind = ActionKind.CreditPack, Stars = 5,
                Status = OrderStatus.Delivered, CreatedAt = BerlinEarlyMorning, ExpiresAt = BerlinEarlyMorning.AddHours(1), ChargeId = "tg-early",
            });
            await db.SaveChangesAsync();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private Task<OrderPage> PageAsync(OrderFilter filter, int page = 0, int size = 100) =>
        app.Service<OrderQuery>().PageAsync(filter, Berlin, page, size);

    [Theory]
    [InlineData("7003", "SS-EARLY")]
    [InlineData("SS-05ABC", "SS-05ABC")]
    [InlineData("ss-05abc", "SS-05ABC")]
    [InlineData("tg-charge-4", "SS-04ABC")]
    [InlineData("tg-early", "SS-EARLY")]
    public async Task Search_EachKey_FindsTheOrder(string term, string code)
    {
        var found = await PageAsync(new OrderFilter { Search = term });
        Assert.Equal(code, Assert.Single(found.Rows).Code);
    }

    [Fact]
    public async Task Search_ByUsernameOrBuyerId_FindsAllTheirOrders()
    {
        var byUsername = await PageAsync(new OrderFilter { Search = "@ana_star" });
        var byMixedCase = await PageAsync(new OrderFilter { Search = "@Ana_Star" });
        var byId = await PageAsync(new OrderFilter { Search = "7001" });
        Assert.Equal(15, byUsername.Total);
        Assert.All(byUsername.Rows, r => Assert.Equal(7001, r.BuyerId));
        Assert.Equal(15, byMixedCase.Total);
        Assert.Equal(byUsername.Rows.Select(r => r.Id), byId.Rows.Select(r => r.Id));
        Assert.Equal("Ana_Star", byId.Rows[0].Username);
    }

    [Fact]
    public async Task Search_CodePrefix_FindsOnlyMatchingCodes()
    {
        var found = await PageAsync(new OrderFilter { Search = "SS-1" });
        Assert.Equal(10, found.Total);
        Assert.All(found.Rows, r => Assert.StartsWith("SS-1", r.Code));
    }

    [Fact]
    public async Task Page_Paging_CoversEveryOrderOnceNewestFirst()
    {
        var all = new List<OrderRow>();
        for (var page = 0; page < 4; page++)
        {
            var result = await PageAsync(new OrderFilter(), page, 10);
            Assert.Equal(31, result.Total);
            all.AddRange(result.Rows);
        }
        Assert.Equal(31, all.Count);
        Assert.Equal(31, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(r => r.CreatedAt).Select(r => r.Id), all.Select(r => r.Id));
    }

    [Fact]
    public async Task Page_Filters_StatusActionAttentionAndLocalDates()
    {
        Assert.Equal(10, (await PageAsync(new OrderFilter { Status = OrderStatus.DeliveryFailed })).Total);
        Assert.Equal(15, (await PageAsync(new OrderFilter { ActionId = text.Id })).Total);
        var attention = await PageAsync(new OrderFilter { NeedsAttention = true });
        Assert.Equal(9, attention.Total); // ten failed, one of them resolved
        Assert.All(attention.Rows, r => Assert.True(r.Status == OrderStatus.DeliveryFailed && !r.Resolved));

        // In Berlin the early order belongs to 10 March, not 9 March.
        var tenth = await PageAsync(new OrderFilter { From = new DateOnly(2026, 3, 10), To = new DateOnly(2026, 3, 10) });
        Assert.Contains(tenth.Rows, r => r.Code == "SS-EARLY");
        Assert.Contains(tenth.Rows, r => r.Code == "SS-09ABC");
        Assert.Equal(2, tenth.Total);
        var ninth = await PageAsync(new OrderFilter { From = new DateOnly(2026, 3, 9), To = new DateOnly(2026, 3, 9) });
        Assert.DoesNotContain(ninth.Rows, r => r.Code == "SS-EARLY");
    }

    [Fact]
    public async Task Export_FilteredSet_MatchesTheGrid()
    {
        var settings = app.Service<StarsStudio.Features.Settings.SettingsService>();
        var form = StarsStudio.Features.Settings.SettingsForm.From(await settings.GetAsync());
        form.TimeZoneId = "Europe/Berlin";
        await settings.SaveGeneralAsync("owner", form);
        var filter = new OrderFilter { Status = OrderStatus.Delivered, From = new DateOnly(2026, 3, 5) };
        var grid = await PageAsync(filter);

        using var client = new CookieClient(app.BaseUrl);
        await client.SignInAsync(TestUsers.Support, TestUsers.Password);
        var response = await client.GetAsync("/orders/export.csv?" + filter.ToQueryString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(OrderQuery.CsvHeader, lines[0].TrimEnd('\r'));
        Assert.Equal(grid.Rows.Select(r => r.Code), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(grid.Total, lines.Length - 1);
        var early = lines.Single(l => l.StartsWith("SS-EARLY"));
        Assert.Contains("2026-03-10 00:30:00", early);
    }

    [Fact]
    public async Task Export_Creator_IsRefused()
    {
        using var client = new CookieClient(app.BaseUrl);
        await client.SignInAsync(TestUsers.Creator, TestUsers.Password);
        var response = await client.GetAsync("/orders/export.csv");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location?.ToString() ?? "");
    }
}
