using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Rehearsal;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Offers.Pages;

/// <summary>The action editor's early-bird count follows sales while it is open, without a save or a reload.</summary>
public sealed class EarlyBirdSectionBrowserTests : IAsyncLifetime
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
    public async Task EarlyBirdCount_ABuyerPaysWhileTheEditorIsOpen_TakenGoesUpLive()
    {
        var action = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "early-pack", price: 60));
        Assert.Null(await app.Service<PromoCodeService>().SaveEarlyBirdAsync(action.Id, 40, 5, null, TimeZoneInfo.Utc, "test"));
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Owner, TestUsers.Password);
        await page.GotoAsync($"/actions/{action.Id}");
        await Browser.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#early-status")).ToContainTextAsync("0 of 5 taken");

        // A virtual buyer buys at the early price in the emulator while the page stays open.
        var control = app.Service<PracticeControl>();
        var botId = app.Service<BotClientAccessor>().Require().BotId;
        var buyer = (await control.CreateBuyerAsync(botId, "Early", null, "en", 100)).UserId;
        var m = new Measurements();
        using (var chats = new ChatWaiter(control, botId))
            await BuyerScript.RunStarsStudioAsync(control, chats, botId, buyer, action.Slug, m, CancellationToken.None);
        Assert.True(m.Completed == 1, string.Join("; ", m.Errors.Keys));

        await Assertions.Expect(page.Locator("#early-status")).ToContainTextAsync("1 of 5 taken");
    }
}
