using Microsoft.Extensions.Options;
using StarsStudio.Features.Messages;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Bot.Outbound;

/// <summary>
/// Every message the bot sends goes through here: it waits for a permit from the <see cref="SendLimiter"/>,
/// and on a 429 pauses all sending for retry_after and tries again. A pause longer than
/// <see cref="OutboundOptions.MaxRetryAfterSeconds"/> is thrown back so the caller can reschedule.
/// Each outcome is reported to the <see cref="OrderMessageLog"/>, which keeps it when the send is about an order.
/// </summary>
public sealed class BotSender(SendLimiter limiter, IOptionsMonitor<OutboundOptions> options, OrderMessageLog messages, ILogger<BotSender> logger)
{
    private const int MaxAttempts = 4;

    /// <summary>429s seen so far (for the rehearsal and /healthz).</summary>
    public long TooManyRequests => Interlocked.Read(ref tooManyRequests);
    private long tooManyRequests;

    public Task<T> SendAsync<T>(RunningBot bot, long chatId, SendPriority priority, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken ct) =>
        SendAsync(bot, chatId, priority, call, null, ct);

    private async Task<T> SendAsync<T>(RunningBot bot, long chatId, SendPriority priority, Func<ITelegramBotClient, CancellationToken, Task<T>> call, string? text, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.WaitAsync(chatId, priority, ct);
            try
            {
                var result = await call(bot.Client, ct);
                messages.Sent(chatId, result, text);
                return result;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < MaxAttempts
                                                && (e.Parameters?.RetryAfter ?? 1) <= options.CurrentValue.MaxRetryAfterSeconds)
            {
                Interlocked.Increment(ref tooManyRequests);
                var retryAfter = TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1);
                logger.LogWarning("Telegram asked to slow down for {RetryAfter}; all sending paused", retryAfter);
                limiter.PauseFor(retryAfter);
            }
            catch (RequestException e)
            {
                if (e is ApiRequestException { ErrorCode: 429 } && attempt < MaxAttempts) Interlocked.Increment(ref tooManyRequests);
                messages.Failed(chatId, text, e);
                throw;
            }
        }
    }

    public Task<Message> SendTextAsync(RunningBot bot, long chatId, string text, SendPriority priority,
        ReplyMarkup? markup = null, ParseMode parseMode = ParseMode.None, CancellationToken ct = default) =>
        SendAsync(bot, chatId, priority, (client, token) => client.SendMessage(chatId, text, parseMode: parseMode,
            replyMarkup: markup, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: token), text, ct);
}
