namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Telegram's flood control for one bot as token buckets: a burst of a few messages per chat refilled at ≈1/s,
/// ≈30/s overall, and with allow_paid_broadcast up to 1000/s where each message above the free 30/s costs
/// 0.1 Star. Not thread-safe: the emulator calls it under the bot's lock.
/// </summary>
public sealed class SendRateLimiter(PracticeRateLimitOptions options)
{
    private readonly Dictionary<long, Bucket> chats = [];
    private readonly Bucket overall = new(options.OverallPerSecond, options.OverallPerSecond);
    private readonly Bucket paid = new(options.PaidBroadcastPerSecond, options.PaidBroadcastPerSecond);

    /// <param name="canPayTenth">whether the bot's balance still covers one paid message (0.1 Star).</param>
    public SendPermit TryAcquire(long chatId, bool allowPaidBroadcast, bool canPayTenth, DateTimeOffset now)
    {
        if (!chats.TryGetValue(chatId, out var chat))
        {
            if (chats.Count > 100_000) ForgetFullChats(now);
            chats[chatId] = chat = new Bucket(options.PerChatBurst, options.PerChatPerSecond);
        }
        chat.Refill(now); overall.Refill(now); paid.Refill(now);

        if (chat.Tokens < 1) return SendPermit.Refused(chat.WaitForOne());
        if (overall.Tokens >= 1)
        {
            chat.Tokens--; overall.Tokens--;
            if (allowPaidBroadcast && paid.Tokens >= 1) paid.Tokens--;
            return new SendPermit(true, 0, false);
        }
        if (allowPaidBroadcast && canPayTenth && paid.Tokens >= 1)
        {
            chat.Tokens--; paid.Tokens--;
            return new SendPermit(true, 0, true);
        }
        return SendPermit.Refused(allowPaidBroadcast && canPayTenth ? paid.WaitForOne() : overall.WaitForOne());
    }

    private void ForgetFullChats(DateTimeOffset now)
    {
        foreach (var (id, bucket) in chats.ToList())
        {
            bucket.Refill(now);
            if (bucket.Tokens >= bucket.Capacity) chats.Remove(id);
        }
    }

    private sealed class Bucket(double capacity, double perSecond)
    {
        public double Capacity { get; } = capacity;
        public double Tokens { get; set; } = capacity;
        private DateTimeOffset last = DateTimeOffset.MinValue;

        public void Refill(DateTimeOffset now)
        {
            if (last != DateTimeOffset.MinValue && now > last)
                Tokens = Math.Min(Capacity, Tokens + (now - last).TotalSeconds * perSecond);
            last = now;
        }

        public TimeSpan WaitForOne() => perSecond <= 0 ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds((1 - Tokens) / perSecond);
    }
}
