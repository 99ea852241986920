namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Telegram's own error strings, in one place so tests and code agree on the wording.</summary>
public static class PracticeErrors
{
    public static BotApiException NotFound() => new(404, "Not Found");
    public static BotApiException Unauthorized() => new(401, "Unauthorized");
    public static BotApiException TooManyRequests(int retryAfter) => new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);
    public static BotApiException Blocked() => new(403, "Forbidden: bot was blocked by the user");
    public static BotApiException WebhookConflict() =>
        new(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    /// <summary>Two pollers on one token: the getUpdates that was waiting ends with this when another one arrives.</summary>
    public static BotApiException TerminatedByOtherGetUpdates() =>
        new(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    public static BotApiException ChatNotFound() => BotApiException.BadRequest("chat not found");
    public static BotApiException MissingParameter(string name) => BotApiException.BadRequest($"{name} is empty");
    public static BotApiException StarsInvoiceInvalid() => BotApiException.BadRequest("STARS_INVOICE_INVALID");
    /// <summary>
    /// A late, repeated or unknown answerPreCheckoutQuery or answerCallbackQuery. tdlib answers QUERY_ID_INVALID, but the Bot API server
    /// rewrites that to this sentence (tdlib/telegram-bot-api Client.cpp), which is what bots see on the wire.
    /// </summary>
    public static BotApiException QueryIdInvalid() =>
        BotApiException.BadRequest("query is too old and response timeout expired or query ID is invalid");
}
