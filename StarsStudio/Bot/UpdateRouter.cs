using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>
/// Gives each update to one handler: payment updates first, then commands and buttons, then the fallback.
/// Drops update_ids already processed, and isolates failures so one bad update never stops the loop.
/// </summary>
public sealed class UpdateRouter(IEnumerable<IBotUpdateHandler> handlers, UpdateDeduplicator dedupe, BotStatus status, ILogger<UpdateRouter> logger)
{
    private readonly IBotUpdateHandler[] ordered = [.. handlers.OrderBy(h => h.Stage)];

    public async Task RouteAsync(RunningBot bot, Update update, CancellationToken ct)
    {
        status.UpdateReceived();
        if (await dedupe.IsProcessedAsync(bot.BotId, update.Id, ct))
        {
            logger.LogDebug("Update {UpdateId} was already processed; dropped", update.Id);
            return;
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
        }
        await dedupe.MarkProcessedAsync(bot.BotId, update.Id, ct);
    }

    /// <summary>
    /// Routes a batch: pre-checkout queries first and at once (Telegram's 10 s deadline), then everything else
    /// in parallel per user, keeping each user's updates in order.
    /// </summary>
    public async Task RouteBatchAsync(RunningBot bot, IReadOnlyList<Update> batch, CancellationToken ct)
    {
        var unique = batch.DistinctBy(u => u.Id).ToList();
        var preCheckouts = unique.Where(u => u.PreCheckoutQuery is not null).ToList();
        if (preCheckouts.Count > 0)
            await Task.WhenAll(preCheckouts.Select(u => RouteAsync(bot, u, ct)));

        var perUser = unique.Where(u => u.PreCheckoutQuery is null).GroupBy(UserKey).ToList();
        await Parallel.ForEachAsync(perUser, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (group, token) =>
        {
            foreach (var update in group) await RouteAsync(bot, update, token);
        });
    }

    private static long UserKey(Update u) =>
        u.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? 0;
}
