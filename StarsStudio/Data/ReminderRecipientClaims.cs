using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// The reminder broadcaster's claim of one recipient, just before its message goes on the wire: Pending → Sending,
/// attempt + 1, the claim's token and a lease, only while the reminder is still sending, in one
/// <c>UPDATE … RETURNING</c>. One broadcaster runs per bot (Data/Singletons), but an instance that lost the lock may
/// still be finishing its calls for a moment: of two claimers each recipient goes to the one whose update saw it
/// Pending, so nobody is sent a reminder twice. On PostgreSQL <c>FOR UPDATE SKIP LOCKED</c> lets the other claimer move
/// on at once instead of queueing behind the row lock only to find the row taken; SQLite runs one writer at a time,
/// so the statement alone is atomic there (the same shape as <see cref="DeliveryJobClaims"/>).
/// </summary>
public static class ReminderRecipientClaims
{
    // Moments are UTC ticks on both providers (StarsDbContext's converter); statuses are stored by name.
    private const string Claim = """
        UPDATE "ReminderRecipients" SET "Status" = 'Sending', "Attempt" = "Attempt" + 1, "ClaimToken" = {0}, "LeaseUntil" = {1}
        WHERE "Id" IN (
            SELECT x."Id" FROM "ReminderRecipients" AS x
            WHERE x."Id" = {2} AND x."Status" = 'Pending'
              AND EXISTS (SELECT 1 FROM "Reminders" AS r WHERE r."Id" = x."ReminderId" AND r."Status" = 'Sending')
        """;
    private const string Returning = """) RETURNING "Id" AS "Value" """;

    private const string OnSqlite = Claim + Returning;
    private const string OnPostgres = Claim + " FOR UPDATE OF x SKIP LOCKED" + Returning;

    /// <summary>True when this claim took the recipient; false when it is not Pending, or its reminder stopped sending.</summary>
    public static async Task<bool> ClaimAsync(StarsDbContext db, long recipientId, Guid claim, DateTimeOffset leaseUntil, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<long>(db.Database.IsNpgsql() ? OnPostgres : OnSqlite, claim, leaseUntil.UtcTicks, recipientId).ToListAsync(ct)).Count > 0;
}
