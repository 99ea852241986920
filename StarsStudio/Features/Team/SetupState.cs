using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Team;

/// <summary>Remembers once somebody has an account, so the setup gate costs no query after that.</summary>
public sealed class SetupState(IDbContextFactory<StarsDbContext> dbFactory)
{
    private volatile bool hasUsers;

    public async Task<bool> HasUsersAsync(CancellationToken ct = default)
    {
        if (hasUsers) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        hasUsers = await db.Users.AnyAsync(ct);
        return hasUsers;
    }

    public void MarkHasUsers() => hasUsers = true;
}
