using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Buyers;

/// <summary>A Telegram user who talked to the bot. Keyed by bot so a changed token starts a fresh audience.</summary>
public sealed class Buyer
{
    public long BotId { get; set; }
    public long TelegramUserId { get; set; }
    public required string FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>Without the @; stored lower-case in <see cref="UsernameKey"/> for search.</summary>
    public string? Username { get; set; }
    public string? UsernameKey { get; set; }
    public string? LanguageCode { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>Set by /stop: no reminders until the next /start.</summary>
    public DateTimeOffset? OptedOutAt { get; set; }
    /// <summary>Set when Telegram says the bot was blocked (403 or my_chat_member).</summary>
    public DateTimeOffset? BlockedAt { get; set; }

    public string DisplayName => Username is { Length: > 0 } u ? $"{FirstName} (@{u})" : FirstName;
}
