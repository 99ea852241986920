using Microsoft.Playwright;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (headless, no sandbox: CI runs as root). One browser per test
/// class; each test gets a fresh context (cookies) via <see cref="NewPageAsync"/>.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static async Task<Browser> LaunchAsync()
    {
        var self = new Browser();
        self.playwright = await Playwright.CreateAsync();
        self.browser = await self.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return self;
    }

    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1280, int height = 900)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous: CI shares two cores between many test classes; waits end as soon as the page is ready.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real login form and waits for the dashboard's live circuit.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
        await WaitForCircuitAsync(page);
    }

    /// <summary>Prerendered buttons ignore clicks until the circuit connects; this marker renders only then.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
