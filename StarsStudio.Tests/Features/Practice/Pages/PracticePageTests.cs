using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Team;
using StarsStudio.Tests.Infrastructure;

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
        var until = DateTime.UtcNow.AddSeconds(30);
        while (app.Service<BotClientAccessor>().Current is null && DateTime.UtcNow < until) await Task.Delay(100);

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
}
