using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Team;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;

namespace StarsStudio.Tests.Features.Practice.Pages;

/// <summary>The Practice page over a live circuit: a virtual buyer chats with the app's own practice bot.</summary>
public sealed class PracticePageTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await app.CreateUserAsync(TestUsers.Owner, TestUsers.Password, Roles.Owner);
        browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task PracticePage_BuyerSendsStart_WelcomeAppearsWithoutReload()
    {
        await Eventually.WithinAsync(() => app.Service<BotClientAccessor>().Current is not null, seconds: 30);

        var page = await browser.NewPageAsync(app.BaseUrl, 360, 780);
        await Browser.SignInAsync(page, TestUsers.Owner, TestUsers.Password);
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await page.FillAsync("#pc-new-name", "Mia");
        await page.FillAsync("#pc-new-stars", "0");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator("#pc-balance", new() { HasTextString = "0" }).WaitForAsync();

        await page.FillAsync("#pc-text", "/start");
        await page.ClickAsync("#pc-send");
        await page.Locator("#pc-messages .pc-in", new() { HasTextString = "Telegram Stars" }).WaitForAsync();

        Assert.Equal(0, navigations);
        Assert.Contains("Hi Mia!", await page.Locator("#pc-messages").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#pc-messages .pc-out", new() { HasTextString = "/start" }).CountAsync());
    }

    [Fact]
    public async Task PracticePage_ForwardAnInvoiceToAnotherBuyer_ConfirmsThenTheBotSeesThatBuyerPay()
    {
        await Eventually.WithinAsync(() => app.Service<BotClientAccessor>().Current is not null, seconds: 30);
        var running = app.Service<BotClientAccessor>().Require();
        var ann = await app.Control.CreateBuyerAsync(running.BotId, "Ann", null, "en", 10);
        var bob = await app.Control.CreateBuyerAsync(running.BotId, "Bob", null, "en", 10);
        // An invoice the app did not make: its pre-checkout guardrail refuses it, and tells the payer why.
        await running.Client.SendInvoice(ann.UserId, "Stray invoice", "Not from the catalog", "not-an-order", "XTR", [new Telegram.Bot.Types.Payments.LabeledPrice("Stray", 3)]);

        var page = await browser.NewPageAsync(app.BaseUrl, 360, 780);
        await Browser.SignInAsync(page, TestUsers.Owner, TestUsers.Password);
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.Locator("#pc-messages .pc-invoice", new() { HasTextString = "Stray invoice" }).WaitForAsync();

        await page.GetByText("Forward & pay as…").ClickAsync();
        await page.Locator(".mud-menu-item", new() { HasTextString = "Bob" }).ClickAsync();
        await page.GetByText("who pays ⭐3 of their ⭐10 virtual Stars").WaitForAsync();
        await Browser.ConfirmDialogAsync(page, "Pay");

        await Eventually.WithinAsync(async () => (await app.Control.ChatAsync(running.BotId, bob.UserId)).Any(m => m.Kind == StarsStudio.Features.Practice.Data.PracticeMessageKind.Notice),
            any => any);
        // The refusal reached Bob (the payer), not Ann, and nothing was charged.
        Assert.Contains(await app.Control.ChatAsync(running.BotId, bob.UserId), m => m.Kind == StarsStudio.Features.Practice.Data.PracticeMessageKind.Notice);
        Assert.DoesNotContain(await app.Control.ChatAsync(running.BotId, ann.UserId), m => m.Kind == StarsStudio.Features.Practice.Data.PracticeMessageKind.Notice);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(running.BotId, bob.UserId)).Stars);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "practice-forward-360.png"), FullPage = true });
    }
}
