using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace StarsStudio.Data;

/// <summary>
/// Queues this process's SQLite writers in memory, one database file at a time, so they take turns without sleeping.
/// <para>
/// SQLite allows one writer. A writer that finds the lock taken waits in SQLite's busy handler, which sleeps a
/// blocked thread for 1, 2, 5 … up to 100 ms between tries. Under a launch burst the lock then stood free while
/// its waiters slept, and the sleeping threads starved the thread pool that pre-checkout answers need. A rehearsal
/// profile put 52 s of thread time in <c>BEGIN</c> in a 9-second run. Here a waiter awaits a semaphore instead:
/// no thread is blocked, and the next writer starts the moment the last one commits.
/// </para>
/// <para>
/// This only schedules; it guarantees nothing. SQLite's own lock still decides who writes, so a second process
/// on the same file (the copy tool, a test) is still correct, and it just waits the old way. A wait that runs
/// past <see cref="Patience"/> goes ahead ungated and leaves the outcome to SQLite's busy timeout, as before.
/// This covers code that holds one context's transaction while writing through another.
/// </para>
/// </summary>
public sealed class SqliteWriteGate
{
    /// <summary>As long as the connections' busy timeout, so a stuck writer fails the same way it did before.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<object, Turn> turns = [];

    /// <summary>Waits for the file's turn on behalf of <paramref name="owner"/> (a connection or a command); false when it went ahead ungated.</summary>
    public async ValueTask<bool> EnterAsync(DbConnection connection, object owner, CancellationToken ct)
    {
        if (GateFor(connection) is not { } gate || Holds(connection)) return false;
        if (!await gate.WaitAsync(Patience, ct)) return false;
        Remember(gate, connection, owner);
        return true;
    }

    public bool Enter(DbConnection connection, object owner)
    {
        if (GateFor(connection) is not { } gate || Holds(connection)) return false;
        if (!gate.Wait(Patience)) return false;
        Remember(gate, connection, owner);
        return true;
    }

    /// <summary>Ties the turn already held for <paramref name="owner"/> to <paramref name="successor"/> as well (a started transaction).</summary>
    public void Link(object owner, object successor)
    {
        if (turns.TryGetValue(owner, out var turn)) turns.AddOrUpdate(successor, turn);
    }

    /// <summary>Ends the turn held through <paramref name="key"/> (its command, transaction or connection); harmless when there is none or it already ended.</summary>
    public void Leave(object? key)
    {
        if (key is not null && turns.TryGetValue(key, out var turn)) turn.End();
    }

    /// <summary>True when nobody in this process holds <paramref name="connection"/>'s file (always for a database that is not gated).</summary>
    public static bool IsFree(DbConnection connection) => GateFor(connection) is not { } gate || gate.CurrentCount == 1;

    /// <summary>True while <paramref name="connection"/> holds its file's turn: its own commands must not queue behind it.</summary>
    public bool Holds(DbConnection connection) => turns.TryGetValue(connection, out var turn) && turn.IsHeld;

    private void Remember(SemaphoreSlim gate, DbConnection connection, object owner)
    {
        var turn = new Turn(gate);
        turns.AddOrUpdate(connection, turn);
        if (!ReferenceEquals(owner, connection)) turns.AddOrUpdate(owner, turn);
    }

    /// <summary>One gate per database file; in-memory databases are private to their connection and need none.</summary>
    private static SemaphoreSlim? GateFor(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return null;
        var file = sqlite.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || sqlite.ConnectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
            return null;
        return Gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>A held turn; ending it twice (commit, then the connection's close) releases once.</summary>
    private sealed class Turn(SemaphoreSlim gate)
    {
        private int held = 1;

        public bool IsHeld => Volatile.Read(ref held) == 1;

        public void End()
        {
            if (Interlocked.Exchange(ref held, 0) == 1) gate.Release();
        }
    }
}
