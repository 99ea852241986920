using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>One emulated bot, created when its token is registered (the app's practice token, or the control API).</summary>
public sealed class PracticeBotRow
{
    public long BotId { get; set; }
    public required string Token { get; set; }
    public required string Username { get; set; }
    public required string FirstName { get; set; }
    public int NextUpdateId { get; set; } = 1;
    public int NextMessageId { get; set; } = 1;
    /// <summary>Paid broadcasts cost 0.1 Star a message, so the balance is kept in tenths of a Star.</summary>
    public long StarBalanceTenths { get; set; }
    /// <summary>The part of the balance seeded transactions moved in nanostars (finer than tenths), beside the tenths.</summary>
    public long StarBalanceExtraNanostars { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>JSON array; Telegram remembers the last allowed_updates a bot asked for.</summary>
    public string? AllowedUpdatesJson { get; set; }
    public string? CommandsJson { get; set; }
    /// <summary>Per-bot switch from the control API; null follows configuration.</summary>
    public bool? RateLimitsEnabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
