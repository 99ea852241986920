using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>
/// Gives each update to one handler: pre-checkouts to their own lane, payment messages next, then commands and
/// buttons, then the fallback. Drops update_ids already processed, marks each update processed once, and isolates
/// failures so one bad update never stops the loop.
/// </summary>
public sealed class UpdateRouter(
    IUpdateRoutes routes, UpdateDeduplicator dedupe, UpdateMarks marks, UpdateClaims claims, PreCheckoutLane lane, BotStatus status, ILogger<UpdateRouter> logger)
{
    private const int PaymentParallelism = 16;
    private readonly PerUserQueues queues = new(maxConcurrent: 32);
    private readonly SemaphoreSlim paymentSlots = new(PaymentParallelism, PaymentParallelism);
    private readonly HashSet<Task> payments = [];
    private readonly Lock paymentsGate = new();

    /// <summary>
    /// Handles one update (the webhook's path). Returns false only when a payment handler failed: then the update is
    /// NOT marked processed, and the caller must get it delivered again (the webhook answers 500).
    /// </summary>
    public async Task<bool> RouteAsync(RunningBot bot, Update update, CancellationToken ct)
    {
        status.UpdateReceived();
        var route = Find(update);
        if (claims.Enabled && update.PreCheckoutQuery is null && route?.IsMoney != true)
            return await ClaimAndHandleAsync(bot, update, route, ct);
        if (await dedupe.IsProcessedAsync(bot.BotId, update.Id, ct))
        {
            logger.LogDebug("Update {UpdateId} was already processed; dropped", update.Id);
            return true;
        }
        if (update.PreCheckoutQuery is not null && route is not null)
        {
            await lane.RunAsync(() => HandleAsync(bot, update, route, ct));
            await dedupe.MarkProcessedAsync(bot.BotId, update.Id, ct);
            return true;
        }
        return await HandleAndMarkAsync(bot, update, route, ct);
    }

    /// <summary>A webhook command or button with several instances on one database: see <see cref="UpdateClaims"/>.</summary>
    private async Task<bool> ClaimAndHandleAsync(RunningBot bot, Update update, BotRoute? route, CancellationToken ct)
    {
        if (!await claims.ClaimAsync(bot.BotId, update.Id, ct))
        {
            logger.LogDebug("Update {UpdateId} was handled by another instance; dropped", update.Id);
            return true;
        }
        try
        {
            if (route is null) logger.LogDebug("No handler for update {UpdateId} ({Type})", update.Id, update.Type);
            else await route.Handler.HandleAsync(new BotUpdate(bot, update), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Telegram gave up on this answer and will send the update again: let that copy in at once.
            await claims.ReleaseAsync(bot.BotId, update.Id);
            throw;
        }
        catch (Exception e) { Log(e, update, route); }
        await claims.FinishAsync(bot.BotId, update.Id, CancellationToken.None);
        dedupe.Raise(bot.BotId, update.Id);
        return true;
    }

    /// <summary>
    /// Dispatches a polled batch and returns at once with the offset to poll next, so the loop keeps polling while
    /// the work runs. Pre-checkouts go to their lane before anything else is looked at (Telegram's 10 s, a buyer on
    /// the payment sheet). Payment messages are recorded beside the loop, and the offset does not pass one until it
    /// is: a payment that could not be recorded is fetched again. Everything else (commands, buttons) goes to a
    /// queue per user that keeps each user's order; losing one of those in a crash costs the buyer a second tap,
    /// never a payment. All but the payments are marked processed in groups (<see cref="UpdateMarks"/>).
    /// </summary>
    public async Task<int> RouteBatchAsync(RunningBot bot, PollSession session, IReadOnlyList<Update> batch, CancellationToken ct)
    {
        // Polled again while its payment is being recorded, or a duplicate: claimed once per session.
        var claimed = batch.Where(update => session.Claim(update.Id)).ToList();
        foreach (var _ in claimed) status.UpdateReceived();
        // One question for the batch; a fresh id is above every id marked, so on SQLite it asks only for redeliveries.
        var processed = await dedupe.ProcessedAmongAsync(bot.BotId, [.. claimed.Select(update => update.Id)], ct);
        var fresh = new List<Update>(claimed.Count);
        foreach (var update in claimed)
        {
            if (processed.Contains(update.Id)) logger.LogDebug("Update {UpdateId} was already processed; dropped", update.Id);
            else fresh.Add(update);
        }

        foreach (var update in fresh.Where(u => u.PreCheckoutQuery is not null))
        {
            if (Find(update) is { } route) _ = lane.RunAsync(() => HandleAsync(bot, update, route, ct));
            marks.Mark(bot.BotId, update.Id);
        }

        foreach (var group in fresh.Where(IsPaymentMessage).GroupBy(UserKey))
        {
            var ids = group.ToList();
            foreach (var update in ids) session.PaymentStarted(update.Id);
            Track(RecordPaymentsAsync(bot, session, ids, ct));
        }

        foreach (var update in fresh.Where(u => u.PreCheckoutQuery is null && !IsPaymentMessage(u)))
        {
            marks.Mark(bot.BotId, update.Id);
            if (Find(update) is { } route) queues.Enqueue(UserKey(update), token => HandleAsync(bot, update, route, token), ct);
        }
        return session.NextOffset;
    }

    /// <summary>One buyer's payment messages in order; a failed one stops the rest (they come again after it).</summary>
    private async Task RecordPaymentsAsync(RunningBot bot, PollSession session, List<Update> updates, CancellationToken ct)
    {
        await Task.Yield();
        var failed = false;
        try
        {
            await paymentSlots.WaitAsync(ct);
            try
            {
                foreach (var update in updates)
                {
                    var recorded = !failed && await HandleAndMarkAsync(bot, update, Find(update), ct);
                    failed |= !recorded;
                    session.PaymentFinished(update.Id, recorded);
                }
            }
            finally { paymentSlots.Release(); }
        }
        catch (OperationCanceledException)
        {
            foreach (var update in updates) session.PaymentFinished(update.Id, recorded: false);
        }
    }

    private void Track(Task task)
    {
        lock (paymentsGate) payments.Add(task);
        _ = task.ContinueWith(done => { lock (paymentsGate) payments.Remove(done); }, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs the handler, then marks the update processed unless the handler already did inside its own
    /// transaction (the payment recorder). False when a money handler failed: the update must come again.
    /// </summary>
    private async Task<bool> HandleAndMarkAsync(RunningBot bot, Update update, BotRoute? route, CancellationToken ct)
    {
        var routed = new BotUpdate(bot, update);
        try
        {
            if (route is null) logger.LogDebug("No handler for update {UpdateId} ({Type})", update.Id, update.Type);
            else await route.Handler.HandleAsync(routed, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Log(e, update, route);
            // A payment must never be lost: leave it unprocessed so it comes again.
            if (route?.IsMoney == true) return false;
        }
        if (routed.MarkedProcessed) dedupe.Raise(bot.BotId, update.Id);
        else await dedupe.MarkProcessedAsync(bot.BotId, update.Id, ct);
        return true;
    }

    /// <summary>Runs a handler whose update was marked when it was dispatched; a failure is logged and ends there.</summary>
    private async Task HandleAsync(RunningBot bot, Update update, BotRoute route, CancellationToken ct)
    {
        try { await route.Handler.HandleAsync(new BotUpdate(bot, update), ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e) { Log(e, update, route); }
    }

    private BotRoute? Find(Update update)
    {
        try { return routes.Find(update); }
        catch (Exception e)
        {
            Log(e, update, null);
            return null;
        }
    }

    // Logged with the update id (never the token: Telegram.Bot exceptions carry no token).
    private void Log(Exception e, Update update, BotRoute? route) =>
        logger.LogError(e, "Update {UpdateId} ({Type}) failed in {Handler}", update.Id, update.Type, route?.Handler.GetType().Name ?? "routing");

    /// <summary>Waits until every dispatched update has been handled and marked (tests, shutdown, drills).</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (paymentsGate) running = [.. payments];
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
        await lane.DrainAsync();
        await queues.DrainAsync();
        await marks.FlushAsync();
    }

    private static bool IsPaymentMessage(Update u) => u.Message is { SuccessfulPayment: not null } or { RefundedPayment: not null };

    private static long UserKey(Update u) =>
        u.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? 0;
}
