namespace StarsStudio.Features.Ledger;

/// <summary>One line of the balance breakdown: Stars in (plus) or out (minus) of one kind.</summary>
public sealed record BalanceLine(string Label, long Nanostars);
