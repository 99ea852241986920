namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// What a bot sent, for tests and the rehearsal benchmark: totals, 429s, and the most messages in any one-second
/// window overall and to one chat (to assert "the bot never exceeded Telegram's limits").
/// </summary>
public sealed class SendCounters
{
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> recentPerChat = [];

    public long MessagesSent { get; private set; }
    public long TooManyRequests { get; private set; }
    public long PaidBroadcastMessages { get; private set; }
    public int MaxPerSecondOverall { get; private set; }
    public int MaxPerSecondPerChat { get; private set; }

    public void Refused() => TooManyRequests++;

    public void Sent(long chatId, bool paid, DateTimeOffset now)
    {
        MessagesSent++;
        if (paid) PaidBroadcastMessages++;
        MaxPerSecondOverall = Math.Max(MaxPerSecondOverall, Slide(recent, now));
        if (!recentPerChat.TryGetValue(chatId, out var chat))
        {
            if (recentPerChat.Count > 100_000) recentPerChat.Clear();
            recentPerChat[chatId] = chat = new Queue<DateTimeOffset>();
        }
        MaxPerSecondPerChat = Math.Max(MaxPerSecondPerChat, Slide(chat, now));
    }

    private static int Slide(Queue<DateTimeOffset> window, DateTimeOffset now)
    {
        window.Enqueue(now);
        while (window.Peek() <= now - TimeSpan.FromSeconds(1)) window.Dequeue();
        return window.Count;
    }
}
