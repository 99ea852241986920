using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Ledger;

public sealed class LedgerOptions
{
    public const string Section = "StarsStudio:Ledger";
    /// <summary>Transactions read again before the last position, in case Telegram listed some late.</summary>
    [Range(0, 1000)] public int Overlap { get; set; } = 20;
    /// <summary>
    /// The Bot API says getStarTransactions lists in chronological order (oldest first); that is unverified, so a
    /// bot whose list turns out newest-first sets this and new transactions are read from the top instead.
    /// </summary>
    public bool TelegramListsNewestFirst { get; set; }
    /// <summary>429 answers in a row a read waits out before it stops and tries again next time.</summary>
    [Range(1, 100)] public int MaxRateLimitWaits { get; set; } = 10;
    /// <summary>How long a 429 may ask to wait before the read stops and resumes at its next run.</summary>
    [Range(1, 86_400)] public int MaxRetryAfterSeconds { get; set; } = 300;
}
