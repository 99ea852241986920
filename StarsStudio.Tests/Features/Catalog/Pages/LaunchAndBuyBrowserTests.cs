using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Catalog.Pages;

/// <summary>
/// The whole story in a browser, against the built-in emulator: a creator defines a file action, takes the
/// copy coach's advice, goes live; a virtual buyer buys it in the Practice chat and gets the file.
/// </summary>
public sealed class LaunchAndBuyBrowserTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();
    private Browser browser = null!;
    private readonly string upload = Path.Combine(Path.GetTempPath(), $"marathon-plan-{Guid.NewGuid():N}.pdf");

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        await File.WriteAllTextAsync(upload, "%PDF-1.4 a tiny training plan");
        browser = await Browser.LaunchAsync();
        await Eventually.WithinAsync(() => app.Service<BotClientAccessor>().Current is not null, seconds: 30);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
        File.Delete(upload);
    }

    [Fact]
    public async Task Creator_CreatesFileActionFixesCopyGoesLive_BuyerPaysAndGetsTheFile()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        await page.GotoAsync("/actions/new");
        await Browser.WaitForCircuitAsync(page);

        // Weak copy first: the coach flags it live.
        await page.FillAsync("#promise", "premium access");
        await page.FillAsync("#title", "Marathon plan");
        await page.FillAsync("#description", "A 12-week marathon training plan, 4 runs a week, sent here as a PDF right after you pay.");
        var coach = page.Locator("#copy-coach");
        await coach.GetByText("premium access").First.WaitForAsync();

        // Take the advice the creator's own way: a specific promise.
        await Browser.FillUntilAsync(page, "#promise", "a 12-week marathon training plan as a PDF",
            page.Locator("#copy-coach", new() { HasTextString = "Looks clear" }));

        await page.SetInputFilesAsync("#file-input", upload);
        await page.Locator("#file-info").WaitForAsync();
        await page.FillAsync("#name", "Marathon plan PDF");
        // The name suggests a link name (used if the field stays empty); the creator picks a shorter one.
        await page.Locator("#slug[placeholder='marathon-plan-pdf']").WaitForAsync();
        await page.FillAsync("#slug", "marathon-plan");
        // By default the link opens with the invoice alone; this creator wants the card first, and the preview follows.
        await Assertions.Expect(page.Locator("#preview-flow")).ToContainTextAsync("From the link: the invoice alone");
        await page.GetByText("The link opens with the invoice").ClickAsync();
        await Assertions.Expect(page.Locator("#preview-flow")).ToHaveTextAsync("The card in the chat, then the invoice after Buy.");
        // The price field is debounced: wait until the preview shows the new price, so Save sends 25 and not the
        // default (a Save within the debounce once sold this action at ⭐50).
        await Browser.FillUntilAsync(page, "#price", "25", page.Locator("[data-testid=card-price]", new() { HasTextString = "25" }));
        await page.ClickAsync("#save-action");
        await Browser.WaitForPathAsync(page, @"^/actions/\d+$");
        await Browser.WaitForCircuitAsync(page);

        await page.ClickAsync("#go-live");
        // Going live with open checklist items asks first; either way it ends live.
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Go live anyway" });
        await page.Locator("#pause").Or(confirm).First.WaitForAsync();
        if (await confirm.IsVisibleAsync()) await confirm.ClickAsync();
        await page.Locator("#pause").WaitForAsync();
        var action = (await app.Service<CatalogService>().FindBySlugAsync("marathon-plan"))!;
        Assert.Equal(ActionStatus.Live, action.Status);
        Assert.Equal("a 12-week marathon training plan as a PDF", action.Terms.Promise);
        Assert.Equal(25, action.Terms.PriceStars);
        Assert.False(action.DeepLinkOpensInvoice);

        // A virtual buyer opens the deep link in the Practice chat, taps Buy, pays.
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#pc-new-name", "Runner");
        await page.FillAsync("#pc-new-stars", "100");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator("#pc-balance", new() { HasTextString = "100" }).WaitForAsync();
        await page.FillAsync("#pc-text", "/start marathon-plan");
        await page.ClickAsync("#pc-send");
        await page.Locator(".pc-button", new() { HasTextString = "Buy for" }).ClickAsync();
        await page.Locator(".pc-pay").ClickAsync();
        await page.Locator(".pc-document", new() { HasTextString = ".pdf" }).WaitForAsync();
        await page.Locator("#pc-messages .pc-in", new() { HasTextString = "Receipt" }).WaitForAsync();
        // Telegram's side: the buyer paid 25 of their 100 Stars, once.
        var botId = app.Service<BotClientAccessor>().Current!.BotId;
        var runner = (await app.Control.ListBuyersAsync(botId)).Single(b => b.FirstName == "Runner");
        Assert.Equal(75, runner.Stars);

        await using var db = await app.DbAsync();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.ActionId == action.Id);
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.StartsWith("stx", order.ChargeId);
        Assert.Equal(order.ChargeId, (await db.Payments.SingleAsync()).ChargeId);
    }

    [Fact]
    public async Task Support_RefundsAPracticePurchase_VirtualBuyersBalanceGoesBackUp()
    {
        var action = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "refundable", price: 7));
        var botId = app.Service<BotClientAccessor>().Current!.BotId;
        var control = app.Control;
        var buyer = await control.CreateBuyerAsync(botId, "Refundee", null, "en", 50);
        // The deep link answers with the invoice itself (the default for an action without questions).
        await control.StartAsync(botId, buyer.UserId, "refundable");
        var invoice = await WaitForMessageAsync(botId, buyer.UserId, m => m.Invoice is not null);
        Assert.Equal(StarsStudio.Features.Practice.Emulator.PaymentStatus.Paid, (await control.PayAsync(botId, buyer.UserId, invoice.MessageId)).Status);
        await WaitForMessageAsync(botId, buyer.UserId, m => m.Text?.Contains("Receipt") == true);
        Assert.Equal(43, (await control.GetBuyerAsync(botId, buyer.UserId)).Stars);
        Order order;
        await using (var db = await app.DbAsync())
            order = await db.Orders.AsNoTracking().SingleAsync(o => o.ActionId == action.Id);

        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Support, TestUsers.Password);
        await page.GotoAsync($"/orders/{order.Id}");
        await Browser.WaitForCircuitAsync(page);
        await page.ClickAsync("#order-refund");
        await page.FillAsync("#dialog-reason", "Rehearsing a refund");
        await page.ClickAsync("#dialog-confirm");
        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync("refunded");

        Assert.Equal(50, (await control.GetBuyerAsync(botId, buyer.UserId)).Stars);
        await WaitForMessageAsync(botId, buyer.UserId, m => m.ServiceText?.StartsWith("Refunded") == true);
        Assert.Contains(await control.TransactionsAsync(botId), t => t.Refund && t.Amount == 7);
    }

    private async Task<StarsStudio.Features.Practice.Emulator.PracticeChatMessage> WaitForMessageAsync(long botId, long userId, Func<StarsStudio.Features.Practice.Emulator.PracticeChatMessage, bool> match)
    {
        return (await Eventually.GetAsync(async () => (await app.Control.ChatAsync(botId, userId)).LastOrDefault(match),
            found => found is not null, _ => "the bot did not answer in time", seconds: 30))!;
    }

    [Fact]
    public async Task Buyer_WithZeroStars_TopsUpInTheSheetThenPays()
    {
        await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "credit-pack", price: 5));
        var page = await browser.NewPageAsync(app.BaseUrl, 360, 800);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#pc-new-name", "Broke");
        await page.FillAsync("#pc-new-stars", "0");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator("#pc-balance", new() { HasTextString = "0" }).WaitForAsync();
        await page.FillAsync("#pc-text", "/start credit-pack");
        await page.ClickAsync("#pc-send");
        // The deep link answers with the invoice itself: no card, no Buy tap.

        await page.Locator(".pc-pay").ClickAsync();
        await page.GetByText("top up", new() { Exact = false }).First.WaitForAsync();
        Assert.Equal(0, await page.Locator("#pc-messages .pc-in", new() { HasTextString = "Receipt" }).CountAsync());

        await page.ClickAsync("#pc-topup");
        await page.Locator("#pc-balance", new() { HasTextString = "100" }).WaitForAsync();
        await page.Locator(".pc-pay").ClickAsync();
        await page.Locator("#pc-messages .pc-in", new() { HasTextString = "credits added" }).WaitForAsync();
        await page.Locator("#pc-balance", new() { HasTextString = "95" }).WaitForAsync();
    }
}
