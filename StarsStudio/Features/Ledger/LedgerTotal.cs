namespace StarsStudio.Features.Ledger;

/// <summary>Stars in and out of one kind in one day or week (its first day, in the creator's time zone).</summary>
public sealed record LedgerTotal(DateOnly Period, LedgerKind Kind, long InNanostars, long OutNanostars, int Count)
{
    public long NetNanostars => InNanostars - OutNanostars;
}
