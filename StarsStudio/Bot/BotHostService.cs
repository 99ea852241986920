using StarsStudio.Data;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Bot;

/// <summary>
/// Runs the bot: resolves the connection, checks it with getMe, then polls getUpdates (or registers the
/// webhook) until stopped or restarted from Settings. Backs off on errors and survives Bot API outages and
/// garbage responses.
/// </summary>
public sealed class BotHostService(
    BotConnectionResolver resolver,
    TelegramClientFactory clients,
    BotClientAccessor accessor,
    UpdateRouter router,
    BotStatus status,
    IHostApplicationLifetime lifetime,
    IOptionsMonitor<TelegramOptions> options,
    IHttpClientFactory httpClients,
    Singletons singletons,
    TimeProvider clock,
    ILogger<BotHostService> logger) : BackgroundService
{
    /// <summary>Updates the bot asks for; pre_checkout_query must be here or buyers' payments time out.</summary>
    public static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.PreCheckoutQuery, UpdateType.MyChatMember];

    private CancellationTokenSource restart = new();
    private readonly Lock restartGate = new();

    /// <summary>Stops the current loop and starts again with the connection as it is now (after a Settings change).</summary>
    public void Restart()
    {
        lock (restartGate)
        {
            var old = restart;
            restart = new CancellationTokenSource();
            old.Cancel();
            old.Dispose();
        }
    }

    private CancellationToken RestartToken { get { lock (restartGate) return restart.Token; } }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The practice emulator is served by this app, so the loop can only start once Kestrel listens.
        await WaitForAppStartedAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, RestartToken);
            try
            {
                await RunOnceAsync(run.Token, () => failures = 0);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                if (stoppingToken.IsCancellationRequested) break;
                logger.LogInformation("Bot loop restarting with the new connection");
                accessor.Set(null);
                failures = 0;
                continue;
            }
            catch (Exception e)
            {
                failures++;
                var problem = TelegramErrors.Describe(e);
                status.Failed(problem);
                logger.LogWarning("Bot loop failed ({Problem}); retrying", problem);
                try { await Task.Delay(Backoff(failures), clock, run.Token); }
                catch (OperationCanceledException) { if (stoppingToken.IsCancellationRequested) break; }
            }
        }
        accessor.Set(null);
        status.Stopped();
    }

    private async Task RunOnceAsync(CancellationToken ct, Action healthy)
    {
        var connection = await resolver.ResolveAsync(ct);
        var client = clients.Create(connection);
        var me = await client.GetMe(ct);
        var bot = new RunningBot(client, connection, me.Username ?? me.FirstName);
        accessor.Set(bot);
        status.Running(connection.IsPractice, bot.Username, connection.Mode);
        logger.LogInformation("Bot {Bot} connected", bot.ToString());
        healthy();

        if (connection.Mode == BotMode.Webhook)
        {
            await client.SetWebhook(connection.WebhookUrl!, allowedUpdates: AllowedUpdates, secretToken: connection.WebhookSecret,
                dropPendingUpdates: false, cancellationToken: ct);
            logger.LogInformation("Webhook registered; waiting for Telegram to call /telegram/webhook");
            await Task.Delay(Timeout.Infinite, ct);
            return;
        }

        // Polling and a webhook cannot both be set on one token.
        await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
        // A Bot API server hands getUpdates to one consumer per token (409 otherwise): on PostgreSQL one instance
        // polls and another takes over within seconds when it dies; the others still send, deliver and serve pages.
        var server = connection.ApiBaseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? "@" + uri.Authority : "";
        await singletons.RunAsync($"polling:{connection.BotId}{server}", pollCt => PollAsync(bot, pollCt), ct);
        // A restart or stop cancels ct: surface it as before, so the loop above restarts or ends.
        ct.ThrowIfCancellationRequested();
    }

    private async Task PollAsync(RunningBot bot, CancellationToken ct)
    {
        var offset = 0;
        var failures = 0;
        var session = new PollSession();
        while (!ct.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await GetUpdatesAsync(bot, offset, ct);
                failures = 0;
                status.Contacted();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception e)
            {
                failures++;
                var problem = TelegramErrors.Describe(e);
                status.Failed(problem);
                var delay = e is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } retryAfter }
                    ? TimeSpan.FromSeconds(retryAfter)
                    : Backoff(failures);
                logger.LogWarning("getUpdates failed ({Problem}); next try in {Delay}", problem, delay);
                await Task.Delay(delay, clock, ct);
                continue;
            }

            if (updates.Length == 0) continue;
            // Returns at once: the work runs beside the loop, so the next poll (and its pre-checkouts) does not wait
            // for this batch's payments. The offset confirms the batch except a payment still being recorded or one
            // that could not be: that one comes again (the updates after it are deduplicated).
            var claimedBefore = session.Claimed;
            await router.RouteBatchAsync(bot, session, updates, ct);
            await session.AllRecordedAsync(TimeSpan.FromMilliseconds(15), ct);
            offset = session.NextOffset;
            if (session.TakeFailure())
            {
                logger.LogWarning("A payment update could not be recorded; fetching it again shortly");
                await Task.Delay(Backoff(++failures), clock, ct);
            }
            else if (session.Claimed == claimedBefore && session.HasUnrecordedPayments)
            {
                // Only payments still being recorded came back: Telegram answers at once while they are pending, so
                // wait (briefly, for a new pre-checkout's sake) until one is recorded instead of spinning.
                await session.PaymentSettledAsync(TimeSpan.FromMilliseconds(20), ct);
            }
        }
    }

    /// <summary>
    /// getUpdates through the client; if the batch does not parse (one garbage update), fetch the raw JSON and
    /// keep every update that does parse, so one bad update cannot wedge the loop forever.
    /// </summary>
    private async Task<Update[]> GetUpdatesAsync(RunningBot bot, int offset, CancellationToken ct)
    {
        var timeout = options.CurrentValue.PollTimeoutSeconds;
        try
        {
            return await bot.Client.GetUpdates(offset, limit: 100, timeout: timeout, allowedUpdates: AllowedUpdates, cancellationToken: ct);
        }
        catch (RequestException e) when (e.InnerException is JsonException)
        {
            logger.LogWarning("getUpdates returned an update that does not parse; reading the batch one update at a time");
            return await RawUpdates.FetchTolerantAsync(httpClients.CreateClient(TelegramClientFactory.HttpClientName), bot.Connection, offset, logger, ct);
        }
    }

    internal static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 6) - 1)));

    private async Task WaitForAppStartedAsync(CancellationToken ct)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested) return;
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }
}
