using System.Threading.Channels;

namespace StarsStudio.Bot;

/// <summary>
/// Pre-checkout queries' own lane: Telegram cancels a payment whose query is not answered within 10 s, and a buyer
/// watches the payment sheet meanwhile. The router posts each query here the moment it is polled, so its answer
/// never waits behind another update's work, the batch's payments, a database write or the outbound budget. Two
/// threads of their own run the lane; continuations come back to them, so under CPU saturation the answers do not
/// queue behind the thread pool's backlog either. Handlers must not hold the lane's thread on a lock or a write.
/// </summary>
public sealed class PreCheckoutLane : IDisposable
{
    private const int Threads = 2;
    private readonly Channel<Func<Task>> work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ILogger<PreCheckoutLane> logger;
    private int running;
    private readonly HashSet<Task> open = [];
    private readonly Lock openGate = new();

    public PreCheckoutLane(ILogger<PreCheckoutLane> logger)
    {
        this.logger = logger;
        for (var i = 0; i < Threads; i++)
        {
            var context = new LaneSynchronizationContext();
            new Thread(() => context.Run(PumpAsync)) { IsBackground = true, Name = $"pre-checkout lane {i + 1}", Priority = ThreadPriority.AboveNormal }.Start();
        }
    }

    /// <summary>Queries the lane has taken and not finished yet.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>Runs <paramref name="answer"/> on the lane; the task completes when it has (it never throws).</summary>
    public Task RunAsync(Func<Task> answer)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref running);
        if (!work.Writer.TryWrite(async () =>
            {
                try { await answer(); }
                finally { Interlocked.Decrement(ref running); done.TrySetResult(); }
            }))
        {
            Interlocked.Decrement(ref running);
            done.TrySetResult();
        }
        lock (openGate) open.Add(done.Task);
        _ = done.Task.ContinueWith(t => { lock (openGate) open.Remove(t); }, TaskScheduler.Default);
        return done.Task;
    }

    /// <summary>Completes when every query taken so far has been answered (tests, drills).</summary>
    public Task DrainAsync()
    {
        Task[] pending;
        lock (openGate) pending = [.. open];
        return Task.WhenAll(pending);
    }

    /// <summary>Takes queries as they come and starts each at once; many interleave on one thread while they await I/O.</summary>
    private async Task PumpAsync()
    {
        await foreach (var item in work.Reader.ReadAllAsync())
            _ = RunOneAsync(item);
    }

    private async Task RunOneAsync(Func<Task> item)
    {
        try { await item(); }
        catch (Exception e) { logger.LogError(e, "A pre-checkout failed on its lane"); }
    }

    public void Dispose()
    {
        // The pumps end, their threads exit; a continuation posted later runs on the thread pool.
        work.Writer.TryComplete();
    }
}
