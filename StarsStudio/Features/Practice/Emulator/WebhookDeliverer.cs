using System.Collections.Concurrent;
using System.Text;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Telegram's webhook side: POSTs each pending update to the bot's URL with X-Telegram-Bot-Api-Secret-Token, one
/// at a time in order, and retries with growing pauses while the bot answers anything but 2xx.
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

    private async Task DeliverLoopAsync(long botId)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var bot = await emulator.LoadedBotAsync(botId);
                if (bot is null) { workers.TryRemove(botId, out _); return; }
                var arrived = bot.UpdatesArrived;
                var next = await emulator.UnderGateAsync(bot, () => Task.FromResult(emulator.NextWebhookDelivery(bot)), stopping);
                if (next is not { } delivery)
                {
                    await arrived.WaitAsync(stopping);
                    continue;
                }
                var ok = true;
                string? problem = null;
                for (var copy = 0; copy < delivery.Copies && ok; copy++)
                    (ok, problem) = await PostAsync(delivery.Url, delivery.Secret, delivery.Update.Json);
                if (ok)
                {
                    failures = 0;
                    await emulator.UnderGateAsync(bot, () => { emulator.MarkWebhookDelivered(bot, delivery.Update); return Task.FromResult(0); }, stopping);
                    continue;
                }
                failures++;
                await emulator.UnderGateAsync(bot, () => Task.FromResult(bot.LastWebhookError = (emulator.Clock.GetUtcNow(), problem!)), stopping);
                await Task.Delay(Backoff(failures), emulator.Clock, stopping);
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
