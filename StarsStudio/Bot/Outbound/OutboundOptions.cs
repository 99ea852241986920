namespace StarsStudio.Bot.Outbound;

/// <summary>The outbound budget: Telegram allows about 30 messages/s per bot and about 1/s per chat.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Telegram:Outbound";
    /// <summary>Overall messages per second; 0 = no limit. Slightly under Telegram's 30 so no 429 arrives.</summary>
    public double MessagesPerSecond { get; set; } = 29;
    /// <summary>Minimum gap between two messages to one chat; 0 = none.</summary>
    public int PerChatIntervalMilliseconds { get; set; } = 1000;
    /// <summary>A 429 asking for a longer pause than this is handed back to the caller to reschedule.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;
}
