using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Offers.Pages;

/// <summary>
/// A launch code end to end in a browser, against the built-in emulator: the creator makes a code for an action and
/// copies its link; a virtual buyer opens that link in Practice, sees the discounted price, pays it; the order
/// shows the list price, the code and the price paid.
/// </summary>
public sealed class PromoCodesBrowserTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        browser = await Browser.LaunchAsync();
        await Eventually.WithinAsync(() => app.Service<BotClientAccessor>().Current is not null, seconds: 30);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Creator_MakesACodeAndCopiesItsLink_BuyerOpensItInPracticeAndPaysTheDiscount_OrderShowsTheCode()
    {
        var action = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "launch-pack", price: 60));
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Owner, TestUsers.Password);

        await page.GotoAsync("/codes");
        await Browser.WaitForCircuitAsync(page);
        await page.Locator("#codes-empty").WaitForAsync();
        await page.ClickAsync("#new-code");
        await Browser.WaitForPathAsync(page, "^/codes/new$");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#code", "launch20");
        // MudSelect keeps its id on a hidden input: open it by its visible field.
        await page.Locator(".mud-select", new() { Has = page.Locator("#code-action") }).Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Credits" }).ClickAsync();
        await Assertions.Expect(page.Locator("#code-example")).ToContainTextAsync("⭐48 instead of ⭐60");
        await page.ClickAsync("#save-code");
        await Browser.WaitForPathAsync(page, @"^/codes/\d+$");
        await Browser.WaitForCircuitAsync(page);

        var link = (await page.Locator("#code-link").InnerTextAsync()).Trim();
        Assert.EndsWith("?start=launch-pack--LAUNCH20", link);
        await page.ClickAsync("#copy-code-link");
        await page.GetByText("Link copied").WaitForAsync();

        // The virtual buyer opens the copied link: /start with its start parameter.
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#pc-new-name", "Early");
        await page.FillAsync("#pc-new-stars", "100");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator("#pc-balance", new() { HasTextString = "100" }).WaitForAsync();
        await page.FillAsync("#pc-text", "/start " + link[(link.IndexOf("?start=", StringComparison.Ordinal) + 7)..]);
        await page.ClickAsync("#pc-send");
        await Assertions.Expect(page.Locator(".pc-invoice-price").Last).ToContainTextAsync("⭐ 48");
        await page.Locator(".pc-pay").Last.ClickAsync();
        await page.Locator("#pc-messages .pc-in", new() { HasTextString = "Receipt" }).WaitForAsync();
        await page.Locator("#pc-balance", new() { HasTextString = "52" }).WaitForAsync();

        Order order;
        await using (var db = await app.DbAsync())
            order = await db.Orders.AsNoTracking().SingleAsync(o => o.ActionId == action.Id);
        await page.GotoAsync($"/orders/{order.Id}");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#order-stars")).ToHaveTextAsync("⭐ 48");
        await Assertions.Expect(page.Locator("#order-list-price")).ToHaveTextAsync("⭐ 60");
        await Assertions.Expect(page.Locator("#order-promo-code")).ToHaveTextAsync("LAUNCH20");

        // The codes list counts the use and the Stars (practice view: this was a rehearsal).
        await page.GotoAsync("/codes?data=practice");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#codes-table")).ToContainTextAsync("⭐48");
    }
}
