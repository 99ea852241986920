using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// The delivery queue's claim on PostgreSQL. Several instances claim at once there: <c>FOR UPDATE SKIP LOCKED</c>
/// lets each take rows no other claim holds, instead of queueing behind another instance's row locks and then
/// finding the rows gone. The lease (LeaseUntil) is what hands a dead instance's jobs to another.
/// (SQLite keeps the worker's conditional update: its writers take turns anyway.)
/// </summary>
public static class DeliveryJobClaims
{
    public static Task<int> ClaimOnPostgresAsync(StarsDbContext db, long botId, Guid claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken ct) =>
        // Moments are UTC ticks on both providers (StarsDbContext's converter); Status is stored by name.
        db.Database.ExecuteSqlAsync($"""
            UPDATE "DeliveryJobs" SET "Status" = 'Running', "ClaimToken" = {claim}, "LeaseUntil" = {leaseUntil.UtcTicks}
            WHERE "Id" IN (
                SELECT "Id" FROM "DeliveryJobs"
                WHERE "BotId" = {botId}
                  AND (("Status" = 'Pending' AND "NextAttemptAt" <= {now.UtcTicks}) OR ("Status" = 'Running' AND "LeaseUntil" < {now.UtcTicks}))
                ORDER BY "NextAttemptAt"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct);
}
