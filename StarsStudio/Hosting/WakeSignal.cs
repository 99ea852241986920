namespace StarsStudio.Hosting;

/// <summary>
/// Wakes a background loop the moment there is work for it, instead of waiting out its poll interval. Each loop has
/// its own subclass, so the one that writes work wakes the one that does it and no other.
/// </summary>
public abstract class WakeSignal
{
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    public void Wake()
    {
        TaskCompletionSource old;
        lock (gate) { old = wake; wake = new(TaskCreationOptions.RunContinuationsAsynchronously); }
        old.TrySetResult();
    }

    /// <summary>Completes when woken or after <paramref name="timeout"/>, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        Task woken;
        lock (gate) woken = wake.Task;
        return Task.WhenAny(woken, Task.Delay(timeout, clock, ct));
    }
}
