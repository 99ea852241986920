using Microsoft.Playwright;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;
using Browser = StarsStudio.Tests.Infrastructure.Browser;

namespace StarsStudio.Tests.Features.Ledger;

/// <summary>Support in a real browser: the Star ledger, filtered to refunds, leads to the refunded order.</summary>
public sealed class LedgerBrowserTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        shop = await LocalShop.StartAsync();
        await TestUsers.SeedAllRolesAsync(shop.App);
        browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await shop.DisposeAsync();
    }

    [Fact]
    public async Task Ledger_SupportFiltersToRefunds_OpensTheRefundedOrder()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        await shop.DeliveredOrderAsync(9101, action, "charge-kept");
        var refunded = await shop.DeliveredOrderAsync(9102, action, "charge-refunded");
        shop.Api.AddStarRefund(9102, "charge-refunded", 5);
        await shop.App.Service<ReconciliationService>().RunAsync("test");

        var page = await browser.NewPageAsync(shop.App.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Support, TestUsers.Password);
        await page.GotoAsync("/ledger");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#ledger-table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#ledger-explanation")).ToContainTextAsync("adds up to Telegram's balance exactly");

        await page.Locator(".mud-select", new() { Has = page.Locator("#ledger-direction") }).Locator(".mud-input-control").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Refunds" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ledger-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ledger-table tbody tr")).ToContainTextAsync("Refund of a sale");

        await page.ClickAsync($".ledger-order:has-text('{refunded.Code}')");
        await page.WaitForURLAsync($"**/orders/{refunded.Id}");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#order-messages")).ToContainTextAsync("Invoice");
    }
}
