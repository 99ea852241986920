using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Bot;

/// <summary>
/// Marks polled updates processed in groups: one INSERT for every update id waiting, instead of one write per
/// update, written beside the poll loop so neither the loop nor a pre-checkout waits for it. Only updates whose loss
/// costs a buyer a second tap are marked here (commands, buttons, pre-checkouts); a payment marks itself inside
/// the transaction that records it.
/// </summary>
public sealed class UpdateMarks(IDbContextFactory<StarsDbContext> dbFactory, UpdateDeduplicator dedupe, TimeProvider clock, ILogger<UpdateMarks> logger) : IAsyncDisposable, IDisposable
{
    private const int MaxPerStatement = 400;
    private readonly Channel<(long BotId, int UpdateId)> pending = Channel.CreateUnbounded<(long, int)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startGate = new();
    private Task? writer;
    private long requested, written;
    private TaskCompletionSource wrote = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Mark(long botId, int updateId)
    {
        EnsureWriter();
        Interlocked.Increment(ref requested);
        pending.Writer.TryWrite((botId, updateId));
    }

    private void EnsureWriter()
    {
        if (writer is not null) return;
        lock (startGate) writer ??= Task.Run(WriteAsync);
    }

    private async Task WriteAsync()
    {
        var group = new List<(long BotId, int UpdateId)>();
        while (await pending.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxPerStatement && pending.Reader.TryRead(out var item)) group.Add(item);
            try { await WriteGroupAsync(group); }
            catch (Exception e)
            {
                // A lost mark only lets a redelivered update run again (one more card, one more answer); never money.
                logger.LogWarning(e, "Could not mark {Count} updates processed", group.Count);
            }
            Interlocked.Add(ref written, group.Count);
            Interlocked.Exchange(ref wrote, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task WriteGroupAsync(List<(long BotId, int UpdateId)> group)
    {
        var now = clock.GetUtcNow().UtcTicks;
        await using var db = await dbFactory.CreateDbContextAsync();
        var values = string.Join(", ", group.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
        var parameters = group.SelectMany(g => new object[] { g.BotId, g.UpdateId, now }).ToArray();
        // ON CONFLICT DO NOTHING: an id marked already (a redelivery that raced in) stays as it was; both providers take it.
#pragma warning disable EF1002 // only placeholders are interpolated; every value is a parameter
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"ProcessedUpdates\" (\"BotId\", \"UpdateId\", \"ProcessedAt\") VALUES {values} ON CONFLICT DO NOTHING", parameters);
#pragma warning restore EF1002
        foreach (var (botId, updateId) in group) dedupe.Raise(botId, updateId);
    }

    /// <summary>Writes every mark taken so far (shutdown, tests, drills).</summary>
    public async Task FlushAsync()
    {
        var target = Interlocked.Read(ref requested);
        while (Interlocked.Read(ref written) < target)
        {
            var next = Volatile.Read(ref wrote).Task;
            if (Interlocked.Read(ref written) >= target) break;
            await next;
        }
    }

    /// <summary>A container disposed synchronously still stops the writer (the marks taken last may be lost, as in a crash).</summary>
    public void Dispose() => pending.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer is not null) await writer;
    }
}
