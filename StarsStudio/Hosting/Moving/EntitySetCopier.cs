using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// Copies one entity set as EF Core reads it (value converters included, so each provider stores its own form)
/// with its primary keys: streamed from the source without tracking, inserted in batches, the target's change
/// tracker cleared after each so memory stays flat however big the table is.
/// </summary>
internal static class EntitySetCopier
{
    public const int BatchSize = 1000;

    private static readonly MethodInfo CopyOfType = typeof(EntitySetCopier)
        .GetMethod(nameof(CopyAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Returns how many rows were inserted.</summary>
    public static Task<long> CopyAsync(DbContext source, DbContext target, IEntityType set, CancellationToken ct)
    {
        // A no-tracking read drops shadow properties; none exist today, and a new one must not be lost silently.
        if (set.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException(
                $"copy-data cannot copy {set.DisplayName()}.{shadow.Name}: it is a shadow property (give it a CLR property).");
        return (Task<long>)CopyOfType.MakeGenericMethod(set.ClrType).Invoke(null, [source, target, set, ct])!;
    }

    private static async Task<long> CopyAsync<T>(DbContext source, DbContext target, IEntityType set, CancellationToken ct)
        where T : class
    {
        var rows = set.HasSharedClrType ? source.Set<T>(set.Name) : source.Set<T>();
        var into = set.HasSharedClrType ? target.Set<T>(set.Name) : target.Set<T>();
        var batch = new List<T>(BatchSize);
        long copied = 0;
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == BatchSize) copied += await InsertAsync(target, into, batch, ct);
        }
        if (batch.Count > 0) copied += await InsertAsync(target, into, batch, ct);
        return copied;
    }

    private static async Task<int> InsertAsync<T>(DbContext target, DbSet<T> into, List<T> batch, CancellationToken ct)
        where T : class
    {
        // Keys are set, so EF Core inserts them as they are instead of asking the identity column for new ones.
        into.AddRange(batch);
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
