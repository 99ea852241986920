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
        // Expect(...) waits 5 s by default, apart from the context's timeout below: on a starved box a Blazor page
        // can take longer to render after a click. A limit for waiting, never a measured time.
        Assertions.SetDefaultExpectTimeout(30_000);
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

    /// <summary>
    /// Clicks a dialog's button and waits until the dialog has closed. On a starved CI machine a click can land
    /// while the circuit is busy reconnecting and be lost; the button is then still there, so it is clicked again
    /// (never after the dialog closed, so the action cannot run twice).
    /// </summary>
    public static async Task ConfirmDialogAsync(IPage page, string buttonText)
    {
        var button = page.Locator($".mud-dialog button:has-text('{buttonText}')");
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await page.Locator(".mud-dialog").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                if (!await button.IsVisibleAsync()) throw;
            }
        }
    }

    /// <summary>
    /// Fills a live-validated field until the page shows the reaction. A debounced field can be overwritten by a
    /// render that was already on its way when Playwright typed (much faster than a person), so on a starved
    /// machine the text is typed again rather than waiting forever for a reaction to input the server never saw.
    /// </summary>
    public static async Task FillUntilAsync(IPage page, string selector, string value, ILocator shows)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.FillAsync(selector, value);
            try
            {
                await shows.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
    }

    /// <summary>
    /// Waits until the address bar's path matches, however the page got there (Blazor navigates in-document,
    /// without a load event). Says where the page is and what the snackbar said when it does not get there.
    /// </summary>
    public static async Task WaitForPathAsync(IPage page, string pathRegex, int timeoutMs = 60_000)
    {
        try
        {
            await page.WaitForFunctionAsync("re => new RegExp(re).test(location.pathname)", pathRegex,
                new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            var snack = await page.Locator(".mud-snackbar").AllInnerTextsAsync();
            throw new TimeoutException($"Still at {page.Url}, not at a path matching {pathRegex}. Snackbar: {string.Join(" | ", snack)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
