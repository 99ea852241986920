using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Hosting;

namespace StarsStudio.Features.Team;

/// <summary>Creates the three roles, and the Owner from configuration for unattended installs.</summary>
internal sealed class RoleAndOwnerSeeder(IServiceScopeFactory scopes, IOptions<StarsStudioOptions> options) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var owner = options.Value.Owner;
        if (string.IsNullOrWhiteSpace(owner.Email) || string.IsNullOrWhiteSpace(owner.Password)) return;
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(owner.Email) is not null) return;
        var result = await team.CreateOwnerAsync(owner.Email, owner.Password, displayName: null);
        if (!result.Succeeded)
            throw new StartupProblemException(
                $"StarsStudio:Owner could not be created: {string.Join(" ", result.Errors)}");
    }
}
