namespace StarsStudio.Features.Ledger;

/// <param name="Read">Transactions Telegram listed in this read (the overlap included).</param>
/// <param name="Added">Of those, the ones the ledger did not have yet.</param>
/// <param name="Pages">getStarTransactions calls that returned a page.</param>
/// <param name="RateLimitWaits">429 answers waited out on the way.</param>
/// <param name="Complete">The read got to the end of Telegram's list.</param>
public sealed record LedgerReadResult(int Read, int Added, int Pages, int RateLimitWaits, bool Complete);
