namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Telegram's send limits: ≈1 message/s per chat with a short burst, ≈30/s per bot, 1000/s paid.</summary>
public sealed class PracticeRateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public double PerChatPerSecond { get; set; } = 1;
    public int PerChatBurst { get; set; } = 3;
    public int OverallPerSecond { get; set; } = 30;
    public int PaidBroadcastPerSecond { get; set; } = 1000;
}
