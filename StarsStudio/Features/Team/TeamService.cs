using StarsStudio.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Support;
using System.Text;

namespace StarsStudio.Features.Team;

/// <summary>
/// Team membership: the first Owner, invites (a one-time link the Owner hands over; there is no mail server),
/// role changes and removals. The last Owner can never be removed or demoted.
/// </summary>
public sealed class TeamService(
    UserManager<ApplicationUser> users,
    SetupState setupState,
    AuditLog audit)
{
    public async Task<TeamResult> CreateOwnerAsync(string email, string password, string? displayName)
    {
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return TeamResult.From(created);
        await users.AddToRoleAsync(user, Roles.Owner);
        setupState.MarkHasUsers();
        await audit.WriteAsync(email, "team", $"Created the owner account {email}");
        return TeamResult.Ok();
    }

    public async Task<IReadOnlyList<TeamMember>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var result = new List<TeamMember>(all.Count);
        foreach (var u in all)
        {
            var role = (await users.GetRolesAsync(u)).FirstOrDefault() ?? "";
            result.Add(new TeamMember(u.Id, u.Email ?? "", u.DisplayName, role, u.PasswordHash is not null,
                u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }
        return result;
    }

    /// <summary>Adds a member without a password and returns the one-time link that lets them choose one.</summary>
    public async Task<TeamResult> InviteAsync(string actor, string email, string? displayName, string role, string baseUri)
    {
        if (!Roles.All.Contains(role)) return TeamResult.Fail("Choose a role.");
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null) return TeamResult.Fail($"{email} is already on the team.");
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return TeamResult.From(created);
        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(actor, "team", $"Invited {email} as {role}");
        return TeamResult.Ok(await InviteLinkAsync(user, baseUri));
    }

    /// <summary>A fresh one-time link for a member who has not set a password yet (or forgot it).</summary>
    public async Task<TeamResult> NewInviteLinkAsync(string actor, string userId, string baseUri)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return TeamResult.Fail("That member no longer exists.");
        await audit.WriteAsync(actor, "team", $"Made a new sign-in link for {user.Email}");
        return TeamResult.Ok(await InviteLinkAsync(user, baseUri));
    }

    private async Task<string> InviteLinkAsync(ApplicationUser user, string baseUri)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return $"{baseUri.TrimEnd('/')}/Account/AcceptInvite?userId={Uri.EscapeDataString(user.Id)}&code={code}";
    }

    public async Task<TeamResult> AcceptInviteAsync(string userId, string code, string password)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return TeamResult.Fail("This invite link is no longer valid. Ask the owner for a new one.");
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return TeamResult.Fail("This invite link is damaged. Copy the whole link and try again."); }
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
            return reset.Errors.Any(e => e.Code == "InvalidToken")
                ? TeamResult.Fail("This invite link was already used or has expired. Ask the owner for a new one.")
                : TeamResult.From(reset);
        await audit.WriteAsync(user.Email ?? userId, "team", "Accepted the invite and set a password");
        return TeamResult.Ok();
    }

    public async Task<TeamResult> ChangeRoleAsync(string actor, string userId, string role)
    {
        if (!Roles.All.Contains(role)) return TeamResult.Fail("Choose a role.");
        var user = await users.FindByIdAsync(userId);
        if (user is null) return TeamResult.Fail("That member no longer exists.");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(role)) return TeamResult.Ok();
        if (current.Contains(Roles.Owner) && await IsLastOwnerAsync())
            return TeamResult.Fail("The last owner cannot be demoted. Make someone else an owner first.");
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        // Sign the member out everywhere so the new role applies at once.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, "team", $"Changed {user.Email} from {string.Join(",", current)} to {role}");
        return TeamResult.Ok();
    }

    public async Task<TeamResult> RemoveAsync(string actor, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return TeamResult.Ok();
        if (await users.IsInRoleAsync(user, Roles.Owner) && await IsLastOwnerAsync())
            return TeamResult.Fail("The last owner cannot be removed. Make someone else an owner first.");
        var deleted = await users.DeleteAsync(user);
        if (deleted.Succeeded) await audit.WriteAsync(actor, "team", $"Removed {user.Email}");
        return TeamResult.From(deleted);
    }

    private async Task<bool> IsLastOwnerAsync() => (await users.GetUsersInRoleAsync(Roles.Owner)).Count <= 1;
}
