using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// EF Core's SQLite migrations take a lock by writing a row to __EFMigrationsLock and delete it when done. A
/// process killed in between leaves the row, and every later start then waits on it forever, silently
/// (dotnet/efcore#38958; found by the crash drill). A StarsStudio data directory belongs to one app process,
/// so a lock row present before this process migrates can only be a dead process's: it is cleared.
/// </summary>
public static class StaleMigrationLock
{
    public static async Task<bool> ClearAsync(DbContext db, ILogger logger, CancellationToken ct)
    {
        var exists = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(ct) > 0;
        if (!exists) return false;
        var cleared = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", ct) > 0;
        if (cleared) logger.LogWarning("Cleared a migration lock left by a process that stopped while migrating {Database}", db.GetType().Name);
        return cleared;
    }
}
