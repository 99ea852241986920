using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// Serialises the approvals of one limited action inside their transactions. SQLite needs nothing: its writers
/// take turns, so the approving UPDATE counts the holds with every earlier approval committed. PostgreSQL's
/// READ COMMITTED lets two approving UPDATEs (of different orders) each count before the other commits, so both
/// could take the last unit: a transaction-scoped advisory lock per action makes the second one wait and then
/// count the first. It is released at commit or rollback, also when the instance dies.
/// </summary>
public static class StockLock
{
    /// <summary>The advisory-lock namespace for stock (the first of the two int keys); any fixed number of ours.</summary>
    private const int Namespace = 0x53544B; // "STK"

    public static async Task HoldAsync(StarsDbContext db, int actionId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Namespace}, {actionId})", ct);
    }
}
