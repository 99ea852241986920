namespace StarsStudio.Features.Ledger;

/// <summary>
/// The bot's balance as Telegram reports it (getMyStarBalance) beside the ledger's own sum, with the breakdown and
/// a sentence that explains the difference.
/// </summary>
public sealed record BalanceReport(
    long? TelegramNanostars,
    string? TelegramProblem,
    long LedgerNanostars,
    IReadOnlyList<BalanceLine> Lines,
    long HeldNanostars,
    long? DifferenceNanostars,
    string Explanation);
