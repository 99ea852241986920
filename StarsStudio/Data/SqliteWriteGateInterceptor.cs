using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StarsStudio.Data;

/// <summary>
/// Puts EF Core's SQLite writers through the <see cref="SqliteWriteGate"/>. A transaction (SQLite's BEGIN IMMEDIATE
/// takes the write lock at once) holds the turn from start to commit or rollback. A write statement outside a
/// transaction holds it while it runs. A connection's close ends whatever it still holds, for example a
/// transaction disposed without commit, which raises no event of its own.
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    // Transactions
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await gate.EnterAsync(connection, connection, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        gate.Enter(connection, connection);
        return result;
    }

    // SqliteTransaction forgets its connection once it ends, so the turn is found through the transaction itself.
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        gate.Link(connection, result);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        gate.Link(connection, result);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => gate.Leave(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        gate.Leave(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => gate.Leave(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        gate.Leave(transaction);
        return Task.CompletedTask;
    }

    // A failed commit or rollback ends the transaction; a failed start is ended by the connection's close.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => LeaveIfEnded(transaction, eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveIfEnded(transaction, eventData);
        return Task.CompletedTask;
    }

    private void LeaveIfEnded(DbTransaction? transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Commit" or "Rollback") gate.Leave(transaction);
    }

    // Write statements outside a transaction
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await EnterForAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterFor(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await EnterForAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterFor(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        await EnterForAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterFor(command);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        gate.Leave(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        gate.Leave(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        gate.Leave(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        gate.Leave(command);
        return ValueTask.FromResult(result);
    }

    // A reader's statement (UPDATE … RETURNING) holds the lock until the reader is done with it.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        gate.Leave(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        gate.Leave(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        gate.Leave(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => gate.Leave(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        gate.Leave(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => gate.Leave(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        gate.Leave(command);
        return Task.CompletedTask;
    }

    // The backstop
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => gate.Leave(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        gate.Leave(connection);
        return Task.CompletedTask;
    }

    private ValueTask<bool> EnterForAsync(DbCommand command, CancellationToken ct) =>
        NeedsTurn(command) ? gate.EnterAsync(command.Connection!, command, ct) : ValueTask.FromResult(false);

    private void EnterFor(DbCommand command)
    {
        if (NeedsTurn(command)) gate.Enter(command.Connection!, command);
    }

    /// <summary>A write outside any transaction; one inside a transaction already holds its connection's turn.</summary>
    private static bool NeedsTurn(DbCommand command) =>
        command.Transaction is null && command.Connection is not null && SqlStatementKinds.IsWrite(command.CommandText);
}
