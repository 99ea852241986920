using StarsStudio.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using StarsStudio.Features.Team;
using StarsStudio.Tests.Infrastructure;
using System.Net;

namespace StarsStudio.Tests.Features.Team;

public sealed class TeamServiceTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();

    public async Task InitializeAsync()
    {
        app.Start();
        await app.CreateUserAsync(TestUsers.Owner, TestUsers.Password, Roles.Owner);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<T> WithTeamAsync<T>(Func<TeamService, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TeamService>());
    }

    [Fact]
    public async Task RemoveOrDemote_LastOwner_IsRefused()
    {
        var owner = (await WithTeamAsync(t => t.ListAsync())).Single();
        var demote = await WithTeamAsync(t => t.ChangeRoleAsync("test", owner.Id, Roles.Creator));
        var remove = await WithTeamAsync(t => t.RemoveAsync("test", owner.Id));

        Assert.False(demote.Succeeded);
        Assert.Contains("last owner", demote.Errors.Single());
        Assert.False(remove.Succeeded);
        Assert.Equal(Roles.Owner, (await WithTeamAsync(t => t.ListAsync())).Single().Role);
    }

    [Fact]
    public async Task Invite_LinkLetsMemberChooseAPasswordOnce_ThenSignIn()
    {
        var invite = await WithTeamAsync(t => t.InviteAsync("test", "new@example.com", "New", Roles.Support, app.BaseUrl));
        Assert.True(invite.Succeeded);
        var link = new Uri(invite.InviteLink!);

        using var client = new CookieClient(app.BaseUrl);
        var accepted = await client.PostFormAsync(link.PathAndQuery, "accept-invite", new Dictionary<string, string>
        {
            ["Input.Password"] = "brand-new-pass",
            ["Input.ConfirmPassword"] = "brand-new-pass",
        });
        Assert.True(accepted.StatusCode == HttpStatusCode.Redirect, await accepted.Content.ReadAsStringAsync());

        // The link works once.
        using var again = new CookieClient(app.BaseUrl);
        var reused = await again.PostFormAsync(link.PathAndQuery, "accept-invite", new Dictionary<string, string>
        {
            ["Input.Password"] = "another-pass-9",
            ["Input.ConfirmPassword"] = "another-pass-9",
        });
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync());

        using var member = new CookieClient(app.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SignInAsync("new@example.com", "brand-new-pass")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/orders")).StatusCode);
    }

    [Fact]
    public async Task ChangeRole_SecondOwnerExists_DemotesAndWritesAudit()
    {
        var invite = await WithTeamAsync(t => t.InviteAsync("test", "co@example.com", null, Roles.Owner, app.BaseUrl));
        Assert.True(invite.Succeeded);
        var owner = (await WithTeamAsync(t => t.ListAsync())).Single(m => m.Email == TestUsers.Owner);

        var demote = await WithTeamAsync(t => t.ChangeRoleAsync("co@example.com", owner.Id, Roles.Creator));

        Assert.True(demote.Succeeded);
        var audit = await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("team", null);
        Assert.Contains(audit, e => e.Actor == "co@example.com" && e.Detail.Contains("to Creator"));
    }
}
