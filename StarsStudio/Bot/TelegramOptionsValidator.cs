using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StarsStudio.Bot;

/// <summary>Checks the Telegram section at start so a typo is one clear message, not a failed request later.</summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    [GeneratedRegex(@"^[0-9]{1,20}:[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();

    public static bool IsWellFormedToken(string? token) => token is not null && TokenShape().IsMatch(token);

    /// <summary>The explanation for a token that does not look like one; never includes the token itself.</summary>
    public const string TokenShapeMessage =
        "The bot token does not look like a BotFather token (digits, a colon, then letters, digits, '_' or '-', e.g. 7000:AbC-dEf).";

    public ValidateOptionsResult Validate(string? name, TelegramOptions o)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(o.BotToken) && !IsWellFormedToken(o.BotToken.Trim()))
            errors.Add("Telegram:BotToken: " + TokenShapeMessage);
        if (!string.IsNullOrWhiteSpace(o.ApiBaseUrl)
            && (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != "http" && api.Scheme != "https")))
            errors.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.");
        if (o.Mode == BotMode.Webhook)
        {
            if (string.IsNullOrWhiteSpace(o.WebhookUrl) || !Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var hook) || hook.Scheme != "https" && !hook.IsLoopback)
                errors.Add("Telegram:WebhookUrl must be the public https URL of /telegram/webhook when Telegram:Mode is Webhook.");
            if (string.IsNullOrEmpty(o.WebhookSecret))
                errors.Add("Telegram:WebhookSecret is required in webhook mode (1-256 of A-Z a-z 0-9 _ -).");
        }
        if (!string.IsNullOrEmpty(o.WebhookSecret) && !SecretShape().IsMatch(o.WebhookSecret))
            errors.Add("Telegram:WebhookSecret may only use A-Z a-z 0-9 _ - and be 1-256 characters long.");
        if (o.RequestTimeoutSeconds <= o.PollTimeoutSeconds)
            errors.Add("Telegram:RequestTimeoutSeconds must be longer than Telegram:PollTimeoutSeconds.");
        if (o.PollTimeoutSeconds is < 0 or > 50)
            errors.Add("Telegram:PollTimeoutSeconds must be between 0 and 50.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
