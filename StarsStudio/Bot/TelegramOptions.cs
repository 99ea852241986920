using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StarsStudio.Bot;

/// <summary>The <c>Telegram</c> configuration section (the configuration contract in DESIGN.md).</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";
    public const string CloudApiBaseUrl = "https://api.telegram.org";

    /// <summary>Empty means practice mode (or the token saved on the Settings page).</summary>
    public string? BotToken { get; set; }
    public string? ApiBaseUrl { get; set; }
    public bool UseTestEnvironment { get; set; }
    public BotMode Mode { get; set; } = BotMode.Polling;
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>Seconds a getUpdates long poll waits on the server.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;
    /// <summary>How long one Bot API request may take before it counts as timed out (longer than the poll).</summary>
    public int RequestTimeoutSeconds { get; set; } = 60;
}
