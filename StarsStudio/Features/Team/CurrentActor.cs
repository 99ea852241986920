using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace StarsStudio.Features.Team;

/// <summary>
/// The name the audit log and order history record for whoever is signed in. One place, so every page writes
/// the same name (and the same "unknown" when a circuit has somehow lost its user).
/// </summary>
public static class CurrentActor
{
    public const string Unknown = "unknown";

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? Unknown;

    public static async Task<string> ActorAsync(this AuthenticationStateProvider auth) =>
        NameOf((await auth.GetAuthenticationStateAsync()).User);
}
