using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>
/// Gives each update to one handler: payment updates first, then commands and buttons, then the fallback.
/// Drops update_ids already processed, and isolates failures so one bad update never stops the loop.
/// </summary>
public sealed class UpdateRouter(IEnumerable<IBotUpdateHandler> handlers, UpdateDeduplicator dedupe, BotStatus status, ILogger<UpdateRouter> logger)
{
    private readonly IBotUpdateHandler[] ordered = [.. handlers.OrderBy(h => h.Stage)];

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

        IBotUpdateHandler? handler = null;
        try
        {
            handler = ordered.FirstOrDefault(h => h.CanHandle(update));
            if (handler is null)
                logger.LogDebug("No handler for update {UpdateId} ({Type})", update.Id, update.Type);
            else
                await handler.HandleAsync(new BotUpdate(bot, update), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Logged with the update id (never the token: Telegram.Bot exceptions carry no token).
            logger.LogError(e, "Update {UpdateId} ({Type}) failed in {Handler}", update.Id, update.Type, handler?.GetType().Name ?? "routing");
            // A payment must never be lost: leave it unprocessed so it comes again.
            if (handler?.Stage == RouteStage.Payment) return false;
        }
        await dedupe.MarkProcessedAsync(bot.BotId, update.Id, ct);
        return true;
    }

    /// <summary>
    /// Routes a batch: pre-checkout queries first and at once (Telegram's 10 s deadline), then everything else
    /// in parallel per user, keeping each user's updates in order. Returns the lowest update id whose payment
    /// handling failed (to be fetched again), or null.
    /// </summary>
    public async Task<int?> RouteBatchAsync(RunningBot bot, IReadOnlyList<Update> batch, CancellationToken ct)
    {
        var unique = batch.DistinctBy(u => u.Id).ToList();
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var preCheckouts = unique.Where(u => u.PreCheckoutQuery is not null).ToList();
        if (preCheckouts.Count > 0)
            await Task.WhenAll(preCheckouts.Select(async u => { if (!await RouteAsync(bot, u, ct)) failed.Add(u.Id); }));

        var perUser = unique.Where(u => u.PreCheckoutQuery is null).GroupBy(UserKey).ToList();
        await Parallel.ForEachAsync(perUser, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (group, token) =>
        {
            foreach (var update in group)
                if (!await RouteAsync(bot, update, token)) { failed.Add(update.Id); break; }
        });
        return failed.IsEmpty ? null : failed.Min();
    }

    private static long UserKey(Update u) =>
        u.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? 0;
}
