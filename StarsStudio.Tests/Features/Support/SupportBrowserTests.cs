using Microsoft.Playwright;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;
using Browser = StarsStudio.Tests.Infrastructure.Browser;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Support staff in a real browser over a live circuit: find by charge id, refund with a reason, see it audited.</summary>
public sealed class SupportBrowserTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private Browser browser = null!;
    private const long Buyer = 8181;

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
    public async Task Refund_SupportFindsOrderByChargeId_OrderRefundedAndAuditShowsWho()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        await shop.DeliveredOrderAsync(Buyer + 1, action, "charge-other-order");
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-browser-refund");

        var page = await browser.NewPageAsync(shop.App.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Support, TestUsers.Password);
        await page.GotoAsync("/orders");
        await Browser.WaitForCircuitAsync(page);
        await page.Locator(".order-code").First.WaitForAsync();
        Assert.Equal(2, await page.Locator(".order-code").CountAsync());

        await page.FillAsync("#orders-search", "charge-browser-refund");
        await page.Locator(".order-code").Filter(new() { HasNotText = order.Code }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(order.Code, (await page.Locator(".order-code").InnerTextAsync()).Trim());
        await page.ClickAsync($"text={order.Code}");
        await page.WaitForURLAsync($"**/orders/{order.Id}");
        await Browser.WaitForCircuitAsync(page);

        await page.ClickAsync("#order-refund");
        await page.Locator("#dialog-reason").WaitForAsync();
        Assert.True(await page.Locator("#dialog-confirm").IsDisabledAsync(), "Refund must need a reason");
        await page.FillAsync("#dialog-reason", "Buyer bought the wrong pack");
        await page.ClickAsync("#dialog-confirm");

        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync("refunded");
        await Assertions.Expect(page.Locator("#order-timeline")).ToContainTextAsync("Buyer bought the wrong pack");
        Assert.Single(shop.Api.CallsOf("refundStarPayment"));
        Assert.Equal(OrderStatus.Refunded, (await shop.OrderAsync(order.Id)).Status);

        var owner = await browser.NewPageAsync(shop.App.BaseUrl);
        await Browser.SignInAsync(owner, TestUsers.Owner, TestUsers.Password);
        await owner.GotoAsync("/audit");
        await Browser.WaitForCircuitAsync(owner);
        var row = owner.Locator("#audit-grid tr", new() { HasText = $"Refunded order {order.Code}" });
        await Assertions.Expect(row).ToContainTextAsync(TestUsers.Support);
        await Assertions.Expect(row).ToContainTextAsync("Buyer bought the wrong pack");
    }

    [Fact]
    public async Task Orders_Creator_CannotOpenOrdersOrSeeRefund()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-creator");

        var page = await browser.NewPageAsync(shop.App.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        Assert.Equal(0, await page.Locator("a[href='/orders']").CountAsync());

        await page.GotoAsync($"/orders/{order.Id}");
        Assert.Contains("/Account/AccessDenied", page.Url);
        Assert.Equal(0, await page.Locator("#order-refund").CountAsync());
        await page.GotoAsync("/orders");
        Assert.Contains("/Account/AccessDenied", page.Url);
    }
}
