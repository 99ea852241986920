using System.Net;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Team.Pages;

public sealed class SetupPageTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Setup_FirstVisit_CreatesOwnerAndOpensDashboard()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/");
        Assert.EndsWith("/setup", page.Url);

        await page.FillAsync("#Input\\.DisplayName", "Alex");
        await page.FillAsync("#Input\\.Email", "alex@example.com");
        await page.FillAsync("#Input\\.Password", "long-enough-1");
        await page.FillAsync("#Input\\.ConfirmPassword", "long-enough-1");
        await page.ClickAsync("#setup-submit");
        await Browser.WaitForCircuitAsync(page);

        Assert.Equal(app.BaseUrl + "/", page.Url);
        // The owner sees owner-only navigation.
        Assert.True(await page.Locator("nav a[href='/settings']").IsVisibleAsync());
        Assert.True(await page.Locator("nav a[href='/team']").IsVisibleAsync());

        // A second visit to /setup is refused, signed in or not.
        using var anonymous = new CookieClient(app.BaseUrl);
        var html = await (await anonymous.GetAsync("/setup")).Content.ReadAsStringAsync();
        Assert.Contains("setup-refused", html);
        Assert.DoesNotContain("setup-submit", html);
    }

    [Fact]
    public async Task Setup_ReplayedFormAfterOwnerExists_CreatesNoSecondOwner()
    {
        await app.CreateUserAsync("first@example.com", TestUsers.Password, StarsStudio.Features.Team.Roles.Owner);
        using var client = new CookieClient(app.BaseUrl);
        var response = await client.PostFormAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "intruder@example.com",
            ["Input.Password"] = "long-enough-1",
            ["Input.ConfirmPassword"] = "long-enough-1",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = await app.DbAsync();
        Assert.DoesNotContain(db.Users, u => u.Email == "intruder@example.com");
    }

    [Fact]
    public async Task Setup_MismatchedPasswords_ShowsMessageNextToField()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/setup");
        await page.FillAsync("#Input\\.Email", "alex@example.com");
        await page.FillAsync("#Input\\.Password", "long-enough-1");
        await page.FillAsync("#Input\\.ConfirmPassword", "different-22");
        await page.ClickAsync("#setup-submit");
        await page.Locator(".ss-field-error").First.WaitForAsync();
        Assert.Contains("The two passwords differ.", await page.ContentAsync());
    }
}
