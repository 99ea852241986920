using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// The copy itself: every entity set of the model in foreign-key order, the Data Protection key files, the identity
/// sequences, then the counts, all in one transaction on the target, so a failure or a count that differs leaves it
/// as empty as it was.
/// </summary>
internal static class SqliteToPostgresCopy
{
    /// <summary>pg_advisory_xact_lock key ("StarsCop"): two copies into one database run one after the other.</summary>
    private const long CopyLock = 0x5374_6172_7343_6F70;

    public static async Task<CopyReport> RunAsync(SqliteInstall source, PostgresTarget target, CancellationToken ct)
    {
        var db = target.Db;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var keys = DataProtectionKeyFiles.Read(source.DataDirectory);
        var sets = TableOrder.Of(db.Model);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ExecuteAsync(db, $"SELECT pg_advisory_xact_lock({CopyLock})", ct);
        // Again under the lock: a copy that ran while this one was getting ready has filled it by now.
        await target.EnsureEmptyAsync(ct);
        // Migrating seeded the default settings row; the install's own row replaces it.
        foreach (var set in sets.Where(s => TableRows.SeedRows(db, s) > 0))
            await ExecuteAsync(db, $"DELETE FROM {TableRows.QuotedTable(db, set)}", ct);

        var counts = new List<TableCount>(sets.Count);
        foreach (var set in sets)
        {
            var sourceRows = await CopySetAsync(source, db, set, keys, ct);
            counts.Add(new TableCount(set.GetTableName()!, sourceRows, await TableRows.CountAsync(db, set, ct)));
        }
        await IdentitySequences.ResetAsync(db, sets, ct);

        var report = new CopyReport(source.DatabasePath, target.Where, counts, source.DataDirectory, CountDeliverables(source.DataDirectory));
        if (!report.CountsMatch)
        {
            var differs = counts.Where(c => !c.Matches).Select(c => $"{c.Table} has {c.Source} in SQLite but {c.Target} in PostgreSQL");
            throw new CopyDataProblemException($"The counts differ after copying ({string.Join("; ", differs)}), so nothing was kept in the target.");
        }
        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>Copies one set; returns how many rows the source holds (for the key ring: how many key files).</summary>
    private static async Task<long> CopySetAsync(SqliteInstall source, DbContext target, IEntityType set, IReadOnlyList<DataProtectionKey> keys, CancellationToken ct)
    {
        try
        {
            if (set.ClrType == typeof(DataProtectionKey))
            {
                target.Set<DataProtectionKey>().AddRange(keys);
                await target.SaveChangesAsync(ct);
                target.ChangeTracker.Clear();
                return keys.Count;
            }
            // Both models are built from the same configuration; a set only PostgreSQL has would be a set never copied.
            var sourceSet = source.Db.Model.FindEntityType(set.Name)
                ?? throw new InvalidOperationException($"The SQLite model has no {set.DisplayName()}, so copy-data cannot fill {set.GetTableName()}.");
            await EntitySetCopier.CopyAsync(source.Db, target, set, ct);
            return await TableRows.CountAsync(source.Db, sourceSet, ct);
        }
        catch (DbUpdateException e)
        {
            throw new CopyDataProblemException(
                $"PostgreSQL refused a row of {set.GetTableName()} ({Root(e).TrimEnd('.')}), so nothing was kept in the target.", e);
        }
    }

    private static int CountDeliverables(string dataDirectory)
    {
        var files = Path.Combine(dataDirectory, "files");
        return Directory.Exists(files)
            ? Directory.EnumerateFiles(files).Count(f => !f.EndsWith(".uploading", StringComparison.Ordinal))
            : 0;
    }

    private static async Task ExecuteAsync(DbContext db, string sql, CancellationToken ct)
    {
        await using var command = await TableRows.CommandAsync(db, sql, ct);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Root(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e is Npgsql.PostgresException p ? p.MessageText : e.Message;
    }
}
