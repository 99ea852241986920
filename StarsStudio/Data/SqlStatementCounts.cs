namespace StarsStudio.Data;

/// <summary>
/// SQL counted by <see cref="SqlStatementCounter"/>: statements by kind, the commands (round trips) that carried them,
/// transactions begun and savepoints made inside them.
/// </summary>
public sealed record SqlStatementCounts(long Reads, long Writes, long Other, long Commands, long Transactions, long Savepoints)
{
    /// <summary>Reads and writes: the statements that touch data (transaction control is counted apart).</summary>
    public long Statements => Reads + Writes;

    public SqlStatementCounts Minus(SqlStatementCounts before) => new(
        Reads - before.Reads, Writes - before.Writes, Other - before.Other,
        Commands - before.Commands, Transactions - before.Transactions, Savepoints - before.Savepoints);
}
