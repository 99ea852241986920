namespace StarsStudio.Features.Ledger;

/// <summary>How far the ledger of one bot has been read, so the next read asks Telegram only for what is new.</summary>
public sealed class LedgerCursor
{
    public long BotId { get; set; }
    /// <summary>How many transactions of Telegram's list have been read (its offset for the next one).</summary>
    public int NextOffset { get; set; }
    public DateTimeOffset? LastReadAt { get; set; }
    /// <summary>When a read last got to the end of the list: the ledger is complete up to then.</summary>
    public DateTimeOffset? CompleteAt { get; set; }
}
