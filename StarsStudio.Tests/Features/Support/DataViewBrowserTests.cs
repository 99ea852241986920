using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;
using Browser = StarsStudio.Tests.Infrastructure.Browser;

namespace StarsStudio.Tests.Features.Support;

/// <summary>A creator in practice mode, in a real browser: live pages stay empty, the switch shows rehearsals, labelled.</summary>
public sealed class DataViewBrowserTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private Browser browser = null!;
    private long practiceBot;
    private PaidAction credits = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        practiceBot = await DataViewSeed.PracticeBotIdAsync(app);
        credits = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits());
        await SupportShop.EventuallyAsync(() => Task.FromResult(app.Service<BotStatus>().State), s => s == BotState.Practice, "practice mode");
        browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Orders_PracticeModeWithOnlyRehearsals_EmptyLiveViewOffersThemLabelled()
    {
        var order = await DataViewSeed.OrderAsync(app, practiceBot, credits, "SS-PRAC1", OrderStatus.Delivered, 100, 9001, "virtual_vera");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Support, TestUsers.Password);

        await page.GotoAsync("/orders");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#orders-none")).ToContainTextAsync("No live orders yet");
        await Assertions.Expect(page.Locator(".order-code")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToHaveCountAsync(0);

        await page.ClickAsync("#orders-show-practice");
        await WaitForAddressAsync(page, "/orders", "?data=practice");
        await Assertions.Expect(page.Locator(".order-code")).ToHaveTextAsync("SS-PRAC1");
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToContainTextAsync("Practice data");

        // The view is in the address: a reload (or a shared link) keeps it.
        await page.ReloadAsync();
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".order-code")).ToHaveTextAsync("SS-PRAC1");
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToBeVisibleAsync();

        await page.ClickAsync("text=SS-PRAC1");
        await page.WaitForURLAsync($"**/orders/{order.Id}");
        await Assertions.Expect(page.Locator("#order-practice")).ToHaveTextAsync("Practice");
    }

    [Fact]
    public async Task Home_Switch_ShowsPracticeFiguresLabelledAndBackToLive()
    {
        await DataViewSeed.OrderAsync(app, DataViewSeed.LiveBot, credits, "SS-LIVE1", OrderStatus.Delivered, 30, 7001, "ana");
        await DataViewSeed.OrderAsync(app, practiceBot, credits, "SS-PRAC1", OrderStatus.Delivered, 700, 9001, "virtual_vera");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Support, TestUsers.Password);

        await Assertions.Expect(page.Locator("#home-earnings")).ToContainTextAsync("⭐ 30");
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToHaveCountAsync(0);

        await page.Locator("#data-view").GetByText("Practice").ClickAsync();
        await WaitForAddressAsync(page, "/", "?data=practice");
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToContainTextAsync("Practice data");
        await Assertions.Expect(page.Locator("#home-earnings")).ToContainTextAsync("⭐ 700");

        // A status count opens the same view's orders.
        await page.Locator("#home-by-status a", new() { HasText = "Delivered" }).ClickAsync();
        await WaitForAddressAsync(page, "/orders", "?status=Delivered&data=practice");
        await Assertions.Expect(page.Locator(".order-code")).ToHaveTextAsync("SS-PRAC1");

        await page.Locator("#data-view").GetByText("Live").ClickAsync();
        await WaitForAddressAsync(page, "/orders", "?status=Delivered");
        await Assertions.Expect(page.Locator(".order-code")).ToHaveTextAsync("SS-LIVE1");
        await Assertions.Expect(page.Locator("#practice-data-banner")).ToHaveCountAsync(0);
    }

    /// <summary>Blazor navigates in-document (no load event), so the address bar itself is watched.</summary>
    private static Task WaitForAddressAsync(IPage page, string path, string query) =>
        page.WaitForFunctionAsync("([p, q]) => location.pathname === p && location.search === q", new[] { path, query },
            new PageWaitForFunctionOptions { PollingInterval = 100 });
}
