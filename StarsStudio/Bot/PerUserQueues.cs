namespace StarsStudio.Bot;

/// <summary>
/// Runs work one item at a time per user (keeping their order) and up to N users at once, beside the caller.
/// </summary>
internal sealed class PerUserQueues(int maxConcurrent)
{
    private readonly Dictionary<long, Task> tails = [];
    private readonly Lock gate = new();
    private readonly SemaphoreSlim slots = new(maxConcurrent, maxConcurrent);

    public void Enqueue(long user, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        lock (gate)
        {
            var previous = tails.TryGetValue(user, out var tail) ? tail : Task.CompletedTask;
            var next = RunAfterAsync(previous, work, ct);
            tails[user] = next;
            _ = next.ContinueWith(done => { lock (gate) { if (tails.TryGetValue(user, out var t) && t == done) tails.Remove(user); } }, TaskScheduler.Default);
        }
    }

    private async Task RunAfterAsync(Task previous, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        try { await previous; } catch { /* the router already logged it */ }
        await slots.WaitAsync(ct);
        try { await work(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally { slots.Release(); }
    }

    public Task DrainAsync()
    {
        Task[] pending;
        lock (gate) pending = [.. tails.Values];
        return Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
