using System.Text.Json;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Bot;

/// <summary>
/// What went wrong talking to the Bot API, in one line a person can act on (status chip, timelines, messages to
/// staff). Never the token: URLs that carry it are cut out.
/// </summary>
public static class TelegramErrors
{
    /// <summary>A one-line description for the status chip: never the token or a URL that contains it.</summary>
    public static string Describe(Exception e) => e switch
    {
        ApiRequestException { ErrorCode: 401 } => "Telegram rejected the bot token (401 Unauthorized). Paste a fresh token in Settings.",
        ApiRequestException { ErrorCode: 404 } => "Telegram does not know this bot token (404). Check the token in Settings.",
        ApiRequestException { ErrorCode: 409 } a => $"Another program uses this bot: {a.Message}",
        ApiRequestException { ErrorCode: 429 } a => $"Telegram asks to slow down (retry after {a.Parameters?.RetryAfter} s).",
        ApiRequestException a => $"Telegram answered {a.ErrorCode}: {a.Message}",
        RequestException { InnerException: JsonException } => "The Bot API answered something that is not valid JSON.",
        RequestException { InnerException: TaskCanceledException } or TaskCanceledException => "The Bot API did not answer in time.",
        RequestException { InnerException: HttpRequestException h } => $"Cannot reach the Bot API ({h.HttpRequestError}).",
        RequestException r => $"Bot API request failed: {StripUrls(r.Message)}",
        HttpRequestException h => $"Cannot reach the Bot API ({h.HttpRequestError}).",
        _ => $"{e.GetType().Name}: {StripUrls(e.Message)}",
    };

    private static string StripUrls(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"bot[0-9]+:[A-Za-z0-9_-]+", "bot<token>");
}
