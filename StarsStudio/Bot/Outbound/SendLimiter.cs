namespace StarsStudio.Bot.Outbound;

/// <summary>
/// Hands out send permits at the configured rate, highest priority first, never two to one chat within the
/// per-chat interval, and pauses everything after a 429. Pre-checkout answers do not come through here at all.
/// The rate is a sliding window (at most N permits in any N/rate seconds), not a fixed spacing: a timer that
/// fires late under load then catches up inside the window instead of losing that slot for good (fixed spacing
/// reached only ≈70% of the cap on a busy two-core machine), and no window ever holds more than Telegram allows.
/// The dispatcher runs as a hosted service, so the host starts it and stops it with the app instead of a loop
/// that outlives it.
/// </summary>
public sealed class SendLimiter : BackgroundService
{
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter>[] queues = [.. Enum.GetValues<SendPriority>().Select(_ => new LinkedList<Waiter>())];
    private readonly Dictionary<long, DateTimeOffset> chatReadyAt = [];
    private readonly Queue<DateTimeOffset> recentGrants = new();
    private int windowPermits;
    private TimeSpan window;
    private DateTimeOffset pausedUntil;
    private TimeSpan chatInterval;
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long granted;

    public SendLimiter(TimeProvider clock, OutboundOptions options)
    {
        this.clock = clock;
        Configure(options);
    }

    /// <summary>Messages let through so far (for the rehearsal's rate figures).</summary>
    public long Granted => Interlocked.Read(ref granted);

    public int Waiting { get { lock (gate) return queues.Sum(q => q.Count); } }

    public void Configure(OutboundOptions options)
    {
        lock (gate)
        {
            windowPermits = options.MessagesPerSecond > 0 ? Math.Max(1, (int)Math.Floor(options.MessagesPerSecond)) : 0;
            window = windowPermits > 0 ? TimeSpan.FromSeconds(windowPermits / options.MessagesPerSecond) : TimeSpan.Zero;
            chatInterval = TimeSpan.FromMilliseconds(Math.Max(0, options.PerChatIntervalMilliseconds));
        }
        Wake();
    }

    /// <summary>Waits until this chat may be sent to at this priority.</summary>
    public Task WaitAsync(long chatId, SendPriority priority, CancellationToken ct)
    {
        var waiter = new Waiter(chatId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        LinkedListNode<Waiter> node;
        lock (gate) node = queues[(int)priority].AddLast(waiter);
        if (ct.CanBeCanceled)
            ct.Register(() =>
            {
                bool removed;
                lock (gate) { removed = node.List is not null; if (removed) node.List!.Remove(node); }
                if (removed) waiter.Granted.TrySetCanceled(ct);
            });
        Wake();
        return waiter.Granted.Task;
    }

    /// <summary>Telegram said 429: nobody sends until retry_after has passed.</summary>
    public void PauseFor(TimeSpan retryAfter)
    {
        lock (gate)
        {
            var until = clock.GetUtcNow() + retryAfter;
            if (until > pausedUntil) pausedUntil = until;
        }
        Wake();
    }

    private void Wake()
    {
        TaskCompletionSource old;
        lock (gate) { old = wake; wake = new(TaskCreationOptions.RunContinuationsAsynchronously); }
        old.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task woken;
            TimeSpan wait;
            lock (gate)
            {
                woken = wake.Task;
                wait = TryGrant();
            }
            if (wait == TimeSpan.Zero) continue;
            if (wait == Timeout.InfiniteTimeSpan) { await woken.WaitAsync(stoppingToken).ConfigureAwait(false); continue; }
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(wait, clock, delay.Token);
            await Task.WhenAny(woken, timer).ConfigureAwait(false);
            delay.Cancel();
        }
    }

    /// <summary>Grants one permit if one can go now (returns zero), else how long to wait (infinite: nobody waits).</summary>
    private TimeSpan TryGrant()
    {
        var now = clock.GetUtcNow();
        if (queues.All(q => q.Count == 0)) return Timeout.InfiniteTimeSpan;
        var notBefore = pausedUntil;
        while (recentGrants.Count > windowPermits) recentGrants.Dequeue();
        if (windowPermits > 0 && recentGrants.Count == windowPermits && recentGrants.Peek() + window > notBefore)
            notBefore = recentGrants.Peek() + window;
        if (now < notBefore) return notBefore - now;

        var soonestChat = DateTimeOffset.MaxValue;
        foreach (var queue in queues)
        {
            for (var node = queue.First; node is not null; node = node.Next)
            {
                var ready = chatReadyAt.GetValueOrDefault(node.Value.ChatId);
                if (ready <= now)
                {
                    queue.Remove(node);
                    if (windowPermits > 0) recentGrants.Enqueue(now);
                    if (chatInterval > TimeSpan.Zero) chatReadyAt[node.Value.ChatId] = now + chatInterval;
                    if (chatReadyAt.Count > 50_000) ForgetOldChats(now);
                    Interlocked.Increment(ref granted);
                    node.Value.Granted.TrySetResult();
                    return TimeSpan.Zero;
                }
                if (ready < soonestChat) soonestChat = ready;
            }
        }
        return soonestChat - now;
    }

    private void ForgetOldChats(DateTimeOffset now)
    {
        foreach (var (chat, ready) in chatReadyAt.ToList())
            if (ready <= now) chatReadyAt.Remove(chat);
    }

    private sealed record Waiter(long ChatId, TaskCompletionSource Granted);
}
