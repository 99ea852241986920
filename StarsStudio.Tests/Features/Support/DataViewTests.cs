using Microsoft.EntityFrameworkCore;
using System.Net;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>
/// Practice rehearsals and live sales in one database: the dashboard's figures, the orders browser and the CSV
/// count only the view asked for (DESIGN.md, "Bots and modes").
/// </summary>
/// <remarks>
/// The tests read one seeded shop (a class fixture); the two that add a stray payment remove it again, so every
/// test sees exactly the seed.
/// </remarks>
public sealed class DataViewTests(DataViewTests.SeededShop seeded) : IClassFixture<DataViewTests.SeededShop>
{
    private readonly StarsAppFactory app = seeded.App;
    private readonly long practiceBot = seeded.PracticeBot;

    public sealed class SeededShop : IAsyncLifetime
    {
        public StarsAppFactory App { get; } = new();
        public long PracticeBot { get; private set; }

        public async Task InitializeAsync()
        {
            var app = App;
            app.Start();
            await TestUsers.SeedAllRolesAsync(app);
            PracticeBot = await DataViewSeed.PracticeBotIdAsync(app);
            var practiceBot = PracticeBot;
            var credits = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits());
            const long live = DataViewSeed.LiveBot;
            await DataViewSeed.OrderAsync(app, live, credits, "SS-LIVE1", OrderStatus.Delivered, 10, 7001, "ana");
            await DataViewSeed.OrderAsync(app, live, credits, "SS-LIVE2", OrderStatus.Delivered, 20, 7001, "ana");
            await DataViewSeed.OrderAsync(app, live, credits, "SS-LIVE3", OrderStatus.InvoiceSent, 20, 7002, "ben");
            await DataViewSeed.OrderAsync(app, practiceBot, credits, "SS-PRAC1", OrderStatus.Delivered, 100, 9001, "virtual_vera");
            await DataViewSeed.OrderAsync(app, practiceBot, credits, "SS-PRAC2", OrderStatus.DeliveryFailed, 200, 9001, "virtual_vera");
            await DataViewSeed.OrderAsync(app, practiceBot, credits, "SS-PRAC3", OrderStatus.Refunded, 400, 9002, "virtual_vlad", refunded: true);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>Runs a test with an extra payment in the shop, and takes it out again afterwards.</summary>
    private async Task WithStrayPaymentAsync(Payment payment, Func<Task> test)
    {
        await using (var db = await app.DbAsync())
        {
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
        }
        try
        {
            await test();
        }
        finally
        {
            await using var db = await app.DbAsync();
            await db.Payments.Where(p => p.ChargeId == payment.ChargeId).ExecuteDeleteAsync();
        }
    }

    private Task<DashboardData> DashboardAsync(DataView view) => app.Service<Dashboard>().LoadAsync(view, TimeZoneInfo.Utc, byWeek: false);

    private Task<OrderPage> OrdersAsync(OrderFilter filter) => app.Service<OrderQuery>().PageAsync(filter, TimeZoneInfo.Utc, 0, 100);

    [Fact]
    public async Task BotIdOf_Token_IsTheNumberBeforeTheColon()
    {
        Assert.Equal(123456789, BotScopes.BotIdOf("123456789:practice_abc"));
        Assert.Null(BotScopes.BotIdOf(null));
        Assert.Null(BotScopes.BotIdOf("not-a-token"));
        Assert.Null(BotScopes.BotIdOf(":abc"));
        Assert.Equal(practiceBot, await app.Service<BotScopes>().PracticeBotIdAsync());
    }

    [Fact]
    public async Task Dashboard_LiveView_CountsOnlyLiveSales()
    {
        var live = await DashboardAsync(DataView.Live);

        Assert.Equal(30, live.Gross);
        Assert.Equal(0, live.Refunded);
        Assert.Equal(30, live.Earnings.Sum(p => p.Gross));
        Assert.Equal(new Dictionary<OrderStatus, int> { [OrderStatus.Delivered] = 2, [OrderStatus.InvoiceSent] = 1 }, live.ByStatus);
        var funnel = Assert.Single(live.Funnel);
        Assert.Equal((3, 2, 2, 2), (funnel.Invoiced, funnel.Approved, funnel.Paid, funnel.Delivered));
        Assert.DoesNotContain(live.Attention, a => a.Kind == "Failed delivery");
    }

    [Fact]
    public async Task Dashboard_PracticeView_CountsOnlyRehearsals()
    {
        var practice = await DashboardAsync(DataView.Practice);

        Assert.Equal(700, practice.Gross);
        Assert.Equal(400, practice.Refunded);
        Assert.Equal(300, practice.Net);
        Assert.Equal(3, practice.ByStatus.Values.Sum());
        Assert.Equal(1, practice.ByStatus[OrderStatus.DeliveryFailed]);
        Assert.False(practice.ByStatus.ContainsKey(OrderStatus.InvoiceSent));
        var funnel = Assert.Single(practice.Funnel);
        Assert.Equal((3, 3, 3), (funnel.Invoiced, funnel.Approved, funnel.Paid));
        var failed = Assert.Single(practice.Attention, a => a.Kind == "Failed delivery");
        Assert.StartsWith("SS-PRAC2", failed.Text);
    }

    [Fact]
    public async Task Dashboard_UnmatchedPayment_NeedsAttentionOnlyInItsOwnView()
    {
        await WithStrayPaymentAsync(new Payment
        {
            ChargeId = "charge-stray", BotId = practiceBot, BuyerId = 9001, Currency = "XTR", TotalAmount = 5,
            InvoicePayload = "unknown", Match = PaymentMatch.Unmatched, ReceivedAt = DateTimeOffset.UtcNow,
        }, async () =>
        {
            Assert.Contains((await DashboardAsync(DataView.Practice)).Attention, a => a.Kind == "Payment");
            Assert.DoesNotContain((await DashboardAsync(DataView.Live)).Attention, a => a.Kind == "Payment");
        });
    }

    [Fact]
    public async Task SupportInbox_EachView_ListsOnlyItsBotsFailedDeliveriesAndStrayPayments()
    {
        await WithStrayPaymentAsync(new Payment
        {
            ChargeId = "charge-stray-live", BotId = DataViewSeed.LiveBot, BuyerId = 7001, Currency = "XTR", TotalAmount = 5,
            InvoicePayload = "unknown", Match = PaymentMatch.Unmatched, ReceivedAt = DateTimeOffset.UtcNow,
        }, async () =>
        {
            var queues = app.Service<SupportQueues>();

            Assert.Equal(["SS-PRAC2"], (await queues.FailedDeliveriesAsync(DataView.Practice)).Select(o => o.Code));
            Assert.Empty(await queues.FailedDeliveriesAsync(DataView.Live));
            Assert.Equal(["charge-stray-live"], (await queues.UnmatchedPaymentsAsync(DataView.Live)).Select(p => p.ChargeId));
            Assert.Empty(await queues.UnmatchedPaymentsAsync(DataView.Practice));
        });
    }

    [Fact]
    public async Task OrderQuery_EachView_ListsOnlyItsBotsOrders()
    {
        var live = await OrdersAsync(new OrderFilter());
        var practice = await OrdersAsync(new OrderFilter { View = DataView.Practice });

        Assert.Equal(["SS-LIVE1", "SS-LIVE2", "SS-LIVE3"], live.Rows.Select(r => r.Code).Order());
        Assert.Equal(3, live.Total);
        Assert.Equal(["SS-PRAC1", "SS-PRAC2", "SS-PRAC3"], practice.Rows.Select(r => r.Code).Order());
        Assert.Equal(3, practice.Total);
        Assert.Equal("virtual_vera", practice.Rows.Single(r => r.Code == "SS-PRAC1").Username);
    }

    [Theory]
    [InlineData("SS-PRAC2", DataView.Live, 0)]
    [InlineData("SS-PRAC2", DataView.Practice, 1)]
    [InlineData("SS-LIVE1", DataView.Practice, 0)]
    [InlineData("SS-LIVE", DataView.Live, 3)]
    [InlineData("@virtual_vera", DataView.Practice, 2)]
    [InlineData("@virtual_vera", DataView.Live, 0)]
    [InlineData("charge-SS-PRAC1", DataView.Practice, 1)]
    [InlineData("9001", DataView.Live, 0)]
    public async Task OrderQuery_SearchInAView_FindsOnlyThatViewsOrders(string term, DataView view, int expected)
    {
        var found = await OrdersAsync(new OrderFilter { Search = term, View = view });
        Assert.Equal(expected, found.Total);
    }

    [Fact]
    public async Task OrderQuery_FiltersInPracticeView_StillApply()
    {
        Assert.Equal("SS-PRAC2", Assert.Single((await OrdersAsync(new OrderFilter { View = DataView.Practice, NeedsAttention = true })).Rows).Code);
        Assert.Equal("SS-PRAC3", Assert.Single((await OrdersAsync(new OrderFilter { View = DataView.Practice, Status = OrderStatus.Refunded })).Rows).Code);
        Assert.Empty((await OrdersAsync(new OrderFilter { Status = OrderStatus.Refunded })).Rows);
    }

    [Fact]
    public void OrderFilter_PracticeView_SurvivesTheQueryString()
    {
        var filter = new OrderFilter { Status = OrderStatus.Delivered, View = DataView.Practice };
        var query = filter.ToQueryString();
        var parsed = OrderFilter.FromQuery(key => System.Web.HttpUtility.ParseQueryString(query)[key]);

        Assert.Contains("data=practice", query);
        Assert.Equal(filter, parsed);
        Assert.DoesNotContain("data=", new OrderFilter().ToQueryString());
        Assert.Equal(DataView.Live, OrderFilter.FromQuery(_ => null).View);
    }

    [Fact]
    public async Task Export_EachView_HoldsOnlyItsOrdersAndSaysPracticeInTheName()
    {
        using var client = new CookieClient(app.BaseUrl);
        await client.SignInAsync(TestUsers.Support, TestUsers.Password);

        var live = await client.GetAsync("/orders/export.csv");
        var practice = await client.GetAsync("/orders/export.csv?data=practice");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, practice.StatusCode);
        Assert.Equal(["SS-LIVE1", "SS-LIVE2", "SS-LIVE3"], await CodesAsync(live));
        Assert.Equal(["SS-PRAC1", "SS-PRAC2", "SS-PRAC3"], await CodesAsync(practice));
        Assert.StartsWith("orders-", live.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("practice-orders-", practice.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    private static async Task<string[]> CodesAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Order()];
}
