using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using StarsStudio.Features.Team;

namespace StarsStudio.Tests.Features.Team;

public sealed class CurrentActorTests
{
    [Fact]
    public async Task ActorAsync_SignedIn_IsTheUserName()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ann@shop.test")], "test"));
        Assert.Equal("ann@shop.test", await new FixedAuth(user).ActorAsync());
    }

    [Fact]
    public async Task ActorAsync_NoName_IsUnknown()
    {
        Assert.Equal("unknown", await new FixedAuth(new ClaimsPrincipal(new ClaimsIdentity())).ActorAsync());
    }

    private sealed class FixedAuth(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
