namespace StarsStudio.Features.Ledger;

/// <summary>What a read that is still running has done so far, for the ledger page.</summary>
public sealed record LedgerProgress(bool Running, bool Rebuilding, int Read, int Added, string? WaitingFor, DateTimeOffset? StartedAt, string? LastProblem);
