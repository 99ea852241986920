using System.Collections.Concurrent;
using System.Diagnostics;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Support;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Staff with the orders page open during a launch: each reader loads the grid's first page (the query the page
/// runs) about twice a second until stopped. Their SQL is left out of the per-purchase counts; their cost to the
/// buyers shows in the pre-checkout latency measured meanwhile.
/// </summary>
public sealed class DashboardReaders : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] readers;
    private readonly ConcurrentBag<double> pollMs = [];
    private int failures;

    private DashboardReaders(OrderQuery orders, int count, DataView view)
    {
        readers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(() => ReadAsync(orders, view)))];
    }

    public static DashboardReaders Start(RehearsalHost host, int count, DataView view = DataView.Live) =>
        new(host.Service<OrderQuery>(), count, view);

    private async Task ReadAsync(OrderQuery orders, DataView view)
    {
        using var _ = SqlStatementCounter.Ignore();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await orders.PageAsync(new OrderFilter { View = view }, TimeZoneInfo.Utc, page: 0, pageSize: 25, stop.Token);
                pollMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception) { Interlocked.Increment(ref failures); }
            try { await Task.Delay(Interval, stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Stops the readers and says how long their polls took.</summary>
    public async Task<LatencySummary> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return Percentiles.Summarize(pollMs);
    }

    public int Failures => failures;

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) await StopAsync();
        stop.Dispose();
    }
}
