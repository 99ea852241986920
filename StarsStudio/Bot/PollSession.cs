namespace StarsStudio.Bot;

/// <summary>
/// One run of the polling loop: which update ids it has dispatched, and which payments are still being recorded.
/// getUpdates confirms everything below its offset, so the offset stays at the lowest payment not yet recorded
/// while the loop keeps polling; the dispatched ids keep the updates that come again meanwhile from running twice
/// in this process (the database's dedupe and unique charge ids still decide across restarts and processes).
/// </summary>
public sealed class PollSession
{
    private const int Remembered = 20_000;
    private readonly HashSet<int> dispatched = [];
    private readonly SortedSet<int> unrecorded = [];
    private readonly Lock gate = new();
    private TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int highest = -1;
    private bool failed;
    private int claimed;

    /// <summary>How many updates this session has dispatched: unchanged after a poll means nothing new came.</summary>
    public int Claimed => Volatile.Read(ref claimed);

    /// <summary>True the first time an id is seen in this session.</summary>
    public bool Claim(int updateId)
    {
        lock (gate)
        {
            if (!dispatched.Add(updateId)) return false;
            claimed++;
            highest = Math.Max(highest, updateId);
            if (dispatched.Count > Remembered) dispatched.RemoveWhere(id => id < highest - Remembered / 2 && !unrecorded.Contains(id));
            return true;
        }
    }

    /// <summary>A payment update is being recorded: the offset must not pass it until it is.</summary>
    public void PaymentStarted(int updateId)
    {
        lock (gate) unrecorded.Add(updateId);
    }

    /// <summary>Recorded: the offset may pass it. Not recorded: it is fetched and dispatched again after a pause.</summary>
    public void PaymentFinished(int updateId, bool recorded)
    {
        lock (gate)
        {
            if (!recorded)
            {
                failed = true;
                dispatched.Remove(updateId);
            }
            else unrecorded.Remove(updateId);
        }
        Interlocked.Exchange(ref settled, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The offset for the next getUpdates: the lowest payment still unrecorded, else past everything seen.</summary>
    public int NextOffset
    {
        get { lock (gate) return unrecorded.Count > 0 ? unrecorded.Min : highest + 1; }
    }

    public bool HasUnrecordedPayments
    {
        get { lock (gate) return unrecorded.Count > 0; }
    }

    /// <summary>True once after a payment could not be recorded (the loop backs off before fetching it again).</summary>
    public bool TakeFailure()
    {
        lock (gate)
        {
            if (!failed) return false;
            failed = false;
            // Those that failed are fetched again from the offset on; they leave the set and come back when dispatched.
            return true;
        }
    }

    /// <summary>
    /// Waits until every payment dispatched so far is recorded, at most <paramref name="max"/>. A payment usually takes a
    /// few milliseconds: waiting that long lets the next poll confirm it instead of fetching it (and the updates
    /// after it) again, while a slow one holds the next poll — and the pre-checkouts it brings — no longer than that.
    /// </summary>
    public async Task AllRecordedAsync(TimeSpan max, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(max);
        while (HasUnrecordedPayments && !timeout.IsCancellationRequested)
        {
            var next = Volatile.Read(ref settled).Task;
            if (!HasUnrecordedPayments) break;
            try { await next.WaitAsync(timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { break; }
        }
    }

    /// <summary>Completes when any payment of this session finishes, or after <paramref name="max"/>.</summary>
    public Task PaymentSettledAsync(TimeSpan max, CancellationToken ct) =>
        Task.WhenAny(Volatile.Read(ref settled).Task, Task.Delay(max, ct));
}
