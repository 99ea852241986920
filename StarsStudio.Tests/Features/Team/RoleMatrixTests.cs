using System.Net;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Team;

/// <summary>Every page and endpoint against every role, through real sign-in cookies.</summary>
/// <remarks>One app with the three accounts for the class; the lockout test locks an account of its own.</remarks>
public sealed class RoleMatrixTests(RoleMatrixTests.SeededApp seeded) : IClassFixture<RoleMatrixTests.SeededApp>
{
    private readonly StarsAppFactory app = seeded.App;

    public sealed class SeededApp : IAsyncLifetime
    {
        public StarsAppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            App.Start();
            await TestUsers.SeedAllRolesAsync(App);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>Page → roles that may open it.</summary>
    public static TheoryData<string, string[]> Pages => new()
    {
        { "/", ["Owner", "Creator", "Support"] },
        { "/actions", ["Owner", "Creator"] },
        { "/reminders", ["Owner", "Creator"] },
        { "/practice", ["Owner", "Creator"] },
        { "/orders", ["Owner", "Support"] },
        { "/support", ["Owner", "Support"] },
        { "/settings", ["Owner"] },
        { "/team", ["Owner"] },
        { "/audit", ["Owner"] },
        { "/Account/Manage/ChangePassword", ["Owner", "Creator", "Support"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Unauthenticated_RedirectsToLogin(string path, string[] _)
    {
        using var client = new CookieClient(app.BaseUrl);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_EachRole_OpensOnlyWhatItMay(string path, string[] allowed)
    {
        foreach (var (email, role) in new[] { (TestUsers.Owner, "Owner"), (TestUsers.Creator, "Creator"), (TestUsers.Support, "Support") })
        {
            using var client = new CookieClient(app.BaseUrl);
            var signIn = await client.SignInAsync(email, TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

            var response = await client.GetAsync(path);
            if (allowed.Contains(role))
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {path} but got {(int)response.StatusCode}");
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
            }
        }
    }

    [Fact]
    public async Task Navigation_ShowsOnlyItemsTheRoleMayOpen()
    {
        using var support = new CookieClient(app.BaseUrl);
        await support.SignInAsync(TestUsers.Support, TestUsers.Password);
        var html = await (await support.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/orders\"", html);
        Assert.DoesNotContain("href=\"/settings\"", html);
        Assert.DoesNotContain("href=\"/actions\"", html);

        using var creator = new CookieClient(app.BaseUrl);
        await creator.SignInAsync(TestUsers.Creator, TestUsers.Password);
        html = await (await creator.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/actions\"", html);
        Assert.DoesNotContain("href=\"/orders\"", html);
    }

    [Fact]
    public async Task Healthz_Anonymous_AnswersWithDatabaseState()
    {
        using var client = new CookieClient(app.BaseUrl);
        var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":\"reachable\"", body);
    }

    [Fact]
    public async Task Lockout_FiveWrongPasswords_LocksEvenTheRightOne()
    {
        // A creator of its own: the other tests sign in as TestUsers.Creator in the same app.
        const string creator = "locked-creator@test.local";
        await app.CreateUserAsync(creator, TestUsers.Password, StarsStudio.Features.Team.Roles.Creator);
        using var client = new CookieClient(app.BaseUrl);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.SignInAsync(creator, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await client.SignInAsync(creator, "wrong-password-5");
        Assert.Contains("Account/Lockout", fifth.Headers.Location!.ToString());

        var right = await client.SignInAsync(creator, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Account/Lockout", right.Headers.Location!.ToString());
    }
}
