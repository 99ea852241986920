using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// Serialises the holds on one promo code inside their transactions, as <see cref="StockLock"/> does for stock:
/// SQLite's writers take turns anyway; on PostgreSQL a transaction-scoped advisory lock per code makes the second
/// conditional update wait for the first and then count its hold. Released at commit or rollback.
/// </summary>
public static class PromoCodeLock
{
    private const int Namespace = 0x50524D; // "PRM"

    public static async Task HoldAsync(StarsDbContext db, int codeId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Namespace}, {codeId})", ct);
    }
}
