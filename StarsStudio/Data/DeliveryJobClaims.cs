using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// The delivery queue's claim: due jobs and jobs whose lease ran out, taken with one conditional
/// <c>UPDATE … RETURNING</c> (it was a read of candidates, the update and a read of what it took: three statements).
/// Of two claimers each job goes to the one whose update saw it still claimable. On PostgreSQL several instances
/// claim at once: <c>FOR UPDATE SKIP LOCKED</c> lets each take rows no other claim holds, instead of queueing behind
/// another instance's row locks and then finding the rows gone. SQLite runs one writer at a time, so the statement
/// alone is atomic there. The lease (LeaseUntil) is what hands a dead worker's jobs to another. The claim counts the
/// attempt too, so starting it needs no second write to the job.
/// </summary>
public static class DeliveryJobClaims
{
    // Moments are UTC ticks on both providers (StarsDbContext's converter); Status is stored by name.
    private const string Claim = """
        UPDATE "DeliveryJobs" SET "Status" = 'Running', "ClaimToken" = {0}, "LeaseUntil" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM "DeliveryJobs"
            WHERE "BotId" = {2}
              AND (("Status" = 'Pending' AND "NextAttemptAt" <= {3}) OR ("Status" = 'Running' AND "LeaseUntil" < {3}))
            ORDER BY "NextAttemptAt"
            LIMIT {4}
        """;
    private const string Returning = """) RETURNING "Id" AS "Value" """;

    private const string OnSqlite = Claim + Returning;
    private const string OnPostgres = Claim + " FOR UPDATE SKIP LOCKED" + Returning;

    /// <summary>
    /// Ends a claimed attempt: the job's new state, with the claim and lease let go, if this claim still owns it. One
    /// plain statement: the LINQ update rebuilt and looked up its eight setters on every delivery.
    /// </summary>
    public static Task<int> EndAsync(StarsDbContext db, Features.Delivery.DeliveryJob job, Guid claim, CancellationToken ct)
    {
        var v = new SqlValues();
        var sql = $"""
            UPDATE "DeliveryJobs" SET "Status" = {v.Of(job.Status.ToString())}, "LastError" = {v.Of(job.LastError)}, "NextAttemptAt" = {v.Of(job.NextAttemptAt.UtcTicks)},
              "Attempts" = {v.Of(job.Attempts)}, "ClaimToken" = NULL, "LeaseUntil" = NULL, "ContentSentAt" = {v.Of(job.ContentSentAt?.UtcTicks)}, "ContentSummary" = {v.Of(job.ContentSummary)}
            WHERE "Id" = {v.Of(job.Id)} AND "ClaimToken" = {v.Of(claim)}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, v.Args, ct);
    }

    public static Task<List<long>> ClaimAsync(StarsDbContext db, long botId, Guid claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>(db.Database.IsNpgsql() ? OnPostgres : OnSqlite, claim, leaseUntil.UtcTicks, botId, now.UtcTicks, batchSize).ToListAsync(ct);
}
