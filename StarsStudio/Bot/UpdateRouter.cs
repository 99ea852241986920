using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>
/// Gives each update to one handler: payment updates first, then commands and buttons, then the fallback.
/// Drops update_ids already processed, and isolates failures so one bad update never stops the loop.
/// </summary>
public sealed class UpdateRouter(IUpdateRoutes routes, UpdateDeduplicator dedupe, BotStatus status, ILogger<UpdateRouter> logger)
{
    /// <summary>
    /// Handles one update. Returns false only when a payment handler failed: then the update is NOT marked
    /// processed, and the caller must get it delivered again (polling keeps the offset; webhook answers 500).
    /// </summary>
    public async Task<bool> RouteAsync(RunningBot bot, Update update, CancellationToken ct)
    {
        status.UpdateReceived();
        if (await dedupe.IsProcessedAsync(bot.BotId, update.Id, ct))
        {
            logger.LogDebug("Update {UpdateId} was already processed; dropped", update.Id);
            return true;
        }

        BotRoute? route = null;
        try
        {
            route = routes.Find(update);
            if (route is null)
                logger.LogDebug("No handler for update {UpdateId} ({Type})", update.Id, update.Type);
            else
                await route.Handler.HandleAsync(new BotUpdate(bot, update), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Logged with the update id (never the token: Telegram.Bot exceptions carry no token).
            logger.LogError(e, "Update {UpdateId} ({Type}) failed in {Handler}", update.Id, update.Type, route?.Handler.GetType().Name ?? "routing");
            // A payment must never be lost: leave it unprocessed so it comes again.
            if (route?.IsMoney == true) return false;
        }
        await dedupe.MarkProcessedAsync(bot.BotId, update.Id, ct);
        return true;
    }

    /// <summary>
    /// Routes a polled batch without letting slow work hold up the next poll. Money comes first and is
    /// finished before the batch is confirmed: pre-checkout queries (Telegram's 10 s deadline) at once and in
    /// parallel, then payment messages. Everything else (commands, buttons) goes to a queue per user that keeps
    /// each user's order and runs beside the loop; losing one of those in a crash costs the buyer a second tap,
    /// never a payment. Returns the lowest update id whose payment handling failed (fetch it again), or null.
    /// </summary>
    public async Task<int?> RouteBatchAsync(RunningBot bot, IReadOnlyList<Update> batch, CancellationToken ct)
    {
        var unique = batch.DistinctBy(u => u.Id).ToList();
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var preCheckouts = unique.Where(u => u.PreCheckoutQuery is not null).ToList();
        if (preCheckouts.Count > 0)
            await Task.WhenAll(preCheckouts.Select(async u => { if (!await RouteAsync(bot, u, ct)) failed.Add(u.Id); }));

        var payments = unique.Where(IsPaymentMessage).GroupBy(UserKey).ToList();
        await Parallel.ForEachAsync(payments, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (group, token) =>
        {
            foreach (var update in group)
                if (!await RouteAsync(bot, update, token)) { failed.Add(update.Id); break; }
        });

        foreach (var update in unique.Where(u => u.PreCheckoutQuery is null && !IsPaymentMessage(u)))
            queues.Enqueue(UserKey(update), token => RouteAsync(bot, update, token), ct);
        return failed.IsEmpty ? null : failed.Min();
    }

    /// <summary>Waits until every queued update has been handled (tests, shutdown, drills).</summary>
    public Task DrainAsync() => queues.DrainAsync();

    private readonly PerUserQueues queues = new(maxConcurrent: 32);

    private static bool IsPaymentMessage(Update u) => u.Message is { SuccessfulPayment: not null } or { RefundedPayment: not null };

    private static long UserKey(Update u) =>
        u.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? 0;
}

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
