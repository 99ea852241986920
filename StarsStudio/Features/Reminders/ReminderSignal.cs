namespace StarsStudio.Features.Reminders;

/// <summary>Wakes the broadcaster when a reminder is scheduled, resumed, paused or cancelled.</summary>
public sealed class ReminderSignal
{
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    public void Wake()
    {
        TaskCompletionSource old;
        lock (gate) { old = wake; wake = new(TaskCreationOptions.RunContinuationsAsynchronously); }
        old.TrySetResult();
    }

    public Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        Task woken;
        lock (gate) woken = wake.Task;
        return Task.WhenAny(woken, Task.Delay(timeout, clock, ct));
    }
}
