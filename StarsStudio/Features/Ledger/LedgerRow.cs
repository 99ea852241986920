namespace StarsStudio.Features.Ledger;

/// <summary>One line of the ledger page: the entry and what it belongs to here (an order, a paid-broadcast reminder).</summary>
public sealed record LedgerRow(LedgerEntry Entry, long? OrderId, string? OrderCode, string? ReminderName);
