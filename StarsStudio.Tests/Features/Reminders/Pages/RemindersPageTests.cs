using Microsoft.Playwright;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reminders.Pages;

/// <summary>A creator schedules a reminder in the browser and watches it go out.</summary>
public sealed class RemindersPageTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        shop = await LocalShop.StartAsync();
        browser = await Browser.LaunchAsync();
        await TestUsers.SeedAllRolesAsync(shop.App);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await shop.DisposeAsync();
    }

    [Fact]
    public async Task SendNow_FiftyBuyers_ProgressReaches100AndEveryChatHasTheMessage()
    {
        var buyers = Enumerable.Range(5000, 50).Select(i => (long)i).ToList();
        await ReminderSeed.BuyersAsync(shop.App, buyers);
        await ReminderSeed.WaitForBotAsync(shop.App);
        var page = await browser.NewPageAsync(shop.App.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);

        await page.GotoAsync("/reminders");
        await Browser.WaitForCircuitAsync(page);
        await page.ClickAsync("#new-reminder");
        await page.Locator("#reminder-text").WaitForAsync();
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#reminder-text", "Hi {first_name}! Top up your Stars before Friday: {topup_link}");
        await page.GetByText("Send now").ClickAsync();
        await page.Locator("#audience-size:has-text('50 buyers would get it now')").WaitForAsync();
        // The preview shows the message with the placeholders filled in.
        await page.Locator("[data-testid=reminder-preview]:has-text('Hi Alex! Top up your Stars before Friday: https://t.me/PremiumBot')").WaitForAsync();

        await page.ClickAsync("#schedule-reminder");
        var confirm = page.Locator(".mud-dialog button:has-text('Send to 50 buyers')");
        await confirm.WaitForAsync();
        Assert.Contains("It goes to 50 buyers now", await page.Locator(".mud-dialog").InnerTextAsync());
        await Browser.ConfirmDialogAsync(page, "Send to 50 buyers");

        await Browser.WaitForPathAsync(page, @"^/reminders/\d+$");
        await page.Locator("#progress-text[data-percent='100']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var summary = await page.Locator("#reminder-summary").InnerTextAsync();
        Assert.Contains("Delivered to 50 of 50 chats", summary);
        Assert.Contains("50 sent", await page.Locator("#progress-text").InnerTextAsync());

        var got = ReminderSeed.Deliveries(shop.Api, "Top up your Stars before Friday");
        Assert.Equal(buyers.Order(), got.Keys.Order());
        Assert.All(got.Values, count => Assert.Equal(1, count));
        Assert.Contains("Hi Buyer5007! Top up your Stars before Friday: https://t.me/PremiumBot", shop.Api.SentTexts(5007));

        // The list shows it as sent.
        await page.GotoAsync("/reminders");
        await page.Locator("#reminders-table [data-testid=reminder-status]:has-text('sent')").WaitForAsync();
    }
}
