namespace StarsStudio.Features.Delivery;

/// <summary>Wakes the delivery worker the moment a payment (or a redelivery) writes a job.</summary>
public sealed class DeliverySignal
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
