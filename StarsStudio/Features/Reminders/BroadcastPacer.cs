namespace StarsStudio.Features.Reminders;

/// <summary>
/// The broadcaster's own pace, as Telegram will count it: by arrival. Two rules:
/// consecutive sends are let through at least 1/rate apart; and a send may start only a full second after every
/// send at least `rate` places before it has completed (its answer came back, so it had arrived). Then any
/// rate+1 consecutive arrivals span at least a second, however the network delays single requests, so no
/// one-second window ever holds more than the rate. Call it right before the Bot API call and complete the
/// returned slot when the call returns or fails.
/// </summary>
public sealed class BroadcastPacer(TimeProvider clock)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();
    private readonly Queue<Slot> window = new();
    private DateTimeOffset next;
    private DateTimeOffset retiredCompletedAt;

    public sealed class Slot(TimeProvider clock, BroadcastPacer pacer, DateTimeOffset previousNext)
    {
        private readonly TaskCompletionSource<DateTimeOffset> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal Task<DateTimeOffset> Completed => done.Task;
        internal DateTimeOffset PreviousNext => previousNext;
        internal DateTimeOffset GrantedNext { get; set; }

        /// <summary>The call returned (or failed, or never started): it can no longer arrive later.</summary>
        public void Complete() => done.TrySetResult(clock.GetUtcNow());

        /// <summary>
        /// No call was made: another sender had already claimed the recipient. The place costs no time. A sender
        /// trailing another through the same list used to spend a slot on every row the leader had just taken, so it
        /// never caught up and sent nothing.
        /// </summary>
        public void Cancel()
        {
            pacer.GiveBack(this);
            // Never arrived: it may not hold back the window, as a completed call does for a second.
            done.TrySetResult(DateTimeOffset.MinValue);
        }
    }

    private void GiveBack(Slot slot)
    {
        // Only while no later slot was issued: a later one was already spaced after this one.
        lock (gate) if (next == slot.GrantedNext) next = slot.PreviousNext;
    }

    public async Task<Slot> WaitAsync(double perSecond, CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            var size = perSecond > 0 ? Math.Max(1, (int)Math.Floor(perSecond)) : int.MaxValue;
            while (true)
            {
                Task? pending = null;
                TimeSpan wait;
                lock (gate)
                {
                    while (window.Count >= size && pending is null)
                    {
                        var oldest = window.Peek();
                        if (!oldest.Completed.IsCompleted) { pending = oldest.Completed; break; }
                        if (oldest.Completed.Result > retiredCompletedAt) retiredCompletedAt = oldest.Completed.Result;
                        window.Dequeue();
                    }
                    var now = clock.GetUtcNow();
                    wait = next - now;
                    if (perSecond > 0 && retiredCompletedAt != default)
                    {
                        var windowWait = retiredCompletedAt + TimeSpan.FromSeconds(1) - now;
                        if (windowWait > wait) wait = windowWait;
                    }
                    if (pending is null && wait <= TimeSpan.Zero)
                    {
                        var slot = new Slot(clock, this, next);
                        if (perSecond > 0)
                        {
                            next = slot.GrantedNext = now + TimeSpan.FromSeconds(1 / perSecond);
                            window.Enqueue(slot);
                        }
                        return slot;
                    }
                }
                if (pending is not null) await pending.WaitAsync(ct);
                else await Task.Delay(wait, clock, ct);
            }
        }
        finally { turn.Release(); }
    }

    /// <summary>After a 429 nobody in the broadcaster sends before this moment.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (gate) if (until > next) next = until;
    }
}
