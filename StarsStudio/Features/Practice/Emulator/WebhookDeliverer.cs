using System.Collections.Concurrent;
using System.Text;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Telegram's webhook side: POSTs pending updates to the bot's URL with X-Telegram-Bot-Api-Secret-Token, up to
/// setWebhook's max_connections at once (default 40) and one chat's in order, and retries with growing pauses
/// while the bot answers anything but 2xx.
/// </summary>
internal sealed class WebhookDeliverer(PracticeEmulator emulator, IHttpClientFactory httpClients, ILogger<WebhookDeliverer> logger) : BackgroundService
{
    public const string HttpClientName = "practice-webhook";
    private readonly ConcurrentDictionary<long, Task> workers = new();
    private CancellationToken stopping;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        emulator.UpdatesQueued += OnUpdatesQueued;
        stoppingToken.Register(() => emulator.UpdatesQueued -= OnUpdatesQueued);
        return Task.CompletedTask;
    }

    private void OnUpdatesQueued(long botId)
    {
        if (stopping.IsCancellationRequested || workers.ContainsKey(botId)) return;
        workers.GetOrAdd(botId, id => Task.Run(() => DeliverLoopAsync(id)));
    }

    /// <summary>
    /// Hands out updates while there are connections free (one chat's updates in order, different chats' at once),
    /// each posted on its own task; after a failure everything waits a growing pause, as Telegram backs off.
    /// </summary>
    private async Task DeliverLoopAsync(long botId)
    {
        var failures = 0;
        var pauseUntil = DateTimeOffset.MinValue;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var bot = await emulator.LoadedBotAsync(botId);
                if (bot is null) { workers.TryRemove(botId, out _); return; }
                if (emulator.Clock.GetUtcNow() < pauseUntil)
                {
                    await Task.Delay(pauseUntil - emulator.Clock.GetUtcNow(), emulator.Clock, stopping);
                    continue;
                }
                var arrived = bot.UpdatesArrived;
                var wake = Volatile.Read(ref finished).Task;
                var next = await emulator.UnderGateAsync(bot, () => Task.FromResult(emulator.NextWebhookDelivery(bot)), stopping);
                if (next is not { } delivery)
                {
                    // Nothing to send now: wait for a new update or for a delivery to finish (it frees its chat).
                    await Task.WhenAny(arrived, wake).WaitAsync(stopping);
                    continue;
                }
                _ = Task.Run(async () =>
                {
                    var ok = true;
                    string? problem = null;
                    for (var copy = 0; copy < delivery.Copies && ok; copy++)
                        (ok, problem) = await PostAsync(delivery.Url, delivery.Secret, delivery.Update.Json);
                    try
                    {
                        if (ok)
                        {
                            Interlocked.Exchange(ref failures, 0);
                            await emulator.UnderGateAsync(bot, () => { emulator.MarkWebhookDelivered(bot, delivery.Update); return Task.FromResult(0); }, stopping);
                        }
                        else
                        {
                            var after = Backoff(Interlocked.Increment(ref failures));
                            pauseUntil = emulator.Clock.GetUtcNow() + after;
                            await emulator.UnderGateAsync(bot, () => { emulator.ReleaseWebhookDelivery(bot, delivery.Update, problem!); return Task.FromResult(0); }, stopping);
                        }
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
                    finally { Interlocked.Exchange(ref finished, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(); }
                });
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning("Practice webhook delivery for bot {BotId} failed: {Reason}", botId, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), emulator.Clock, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>1 s, 2 s, 4 s … capped at 60 s, like Telegram's growing retry gaps.</summary>
    internal static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(failures, 7) - 1)));

    private async Task<(bool Ok, string? Problem)> PostAsync(string url, string? secret, string json)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stopping);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"Connection failed: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (false, "Read timeout expired");
        }
    }
}
