using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StarsStudio.Data;

/// <summary>
/// Counts the SQL the app sends, by kind: reads, writes, transactions and savepoints. Only the rehearsal registers it
/// (see <see cref="Hosting.DataExtensions"/>), so the app's normal path pays nothing for it. Commands run inside
/// <see cref="Ignore"/> (the rehearsal's simulated dashboard readers) are left out, so "per purchase" means the bot's work.
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<bool> Ignored = new();
    private long reads, writes, other, commands, transactions, savepoints;
    private readonly ConcurrentDictionary<string, long> byText = new();

    /// <summary>Everything counted so far.</summary>
    public SqlStatementCounts Snapshot() => new(
        Interlocked.Read(ref reads), Interlocked.Read(ref writes), Interlocked.Read(ref other),
        Interlocked.Read(ref commands), Interlocked.Read(ref transactions), Interlocked.Read(ref savepoints));

    /// <summary>How often each command text ran (EF Core parameterizes values, so one text is one query): where statements go.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByText() => [.. byText.OrderByDescending(p => p.Value)];

    /// <summary>Leaves the commands of the current async flow out of the counts until disposed.</summary>
    public static IDisposable Ignore()
    {
        var before = Ignored.Value;
        Ignored.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => Ignored.Value = before;
    }

    /// <summary>Counts one command's statements (SaveChanges batches several into one command).</summary>
    public void Count(string commandText)
    {
        if (Ignored.Value) return;
        Interlocked.Increment(ref commands);
        byText.AddOrUpdate(commandText, 1, (_, n) => n + 1);
        foreach (var kind in SqlStatementKinds.Of(commandText))
        {
            switch (kind)
            {
                case SqlStatementKind.Read: Interlocked.Increment(ref reads); break;
                case SqlStatementKind.Write: Interlocked.Increment(ref writes); break;
                case SqlStatementKind.Transaction: Interlocked.Increment(ref transactions); break;
                default: Interlocked.Increment(ref other); break;
            }
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command.CommandText);
        return ValueTask.FromResult(result);
    }

    // BEGIN, COMMIT and savepoints do not go through the command interceptor: the provider runs them itself.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        CountTransaction();
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        CountTransaction();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        CountSavepoint();
        return result;
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        CountSavepoint();
        return ValueTask.FromResult(result);
    }

    public void CountTransaction()
    {
        if (!Ignored.Value) Interlocked.Increment(ref transactions);
    }

    private void CountSavepoint()
    {
        if (!Ignored.Value) Interlocked.Increment(ref savepoints);
    }
}
