using System.Collections.Concurrent;

namespace StarsStudio.Bot;

/// <summary>
/// Runs every continuation posted to it on one thread of its own. Work awaited inside it comes back to that thread
/// instead of joining the thread pool's queue, which under CPU saturation holds hundreds of other updates' work.
/// </summary>
internal sealed class LaneSynchronizationContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = [];

    public override void Post(SendOrPostCallback d, object? state)
    {
        // After shutdown a late continuation still has to run somewhere: the thread pool takes it.
        if (!queue.IsAddingCompleted)
        {
            try { queue.Add((d, state)); return; }
            catch (InvalidOperationException) { }
        }
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The lane never blocks on a send.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="start"/> and then every posted continuation on the calling thread until completed.</summary>
    public void Run(Func<Task> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var root = start();
            root.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (callback, state) in queue.GetConsumingEnumerable()) callback(state);
        }
        finally { SetSynchronizationContext(previous); }
    }
}
