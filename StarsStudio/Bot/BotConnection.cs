namespace StarsStudio.Bot;

/// <summary>Everything needed to talk to one bot: where, with which token, and how updates arrive.</summary>
public sealed record BotConnection(
    string Token,
    string? ApiBaseUrl,
    bool UseTestEnvironment,
    bool IsPractice,
    BotMode Mode,
    string? WebhookUrl,
    string? WebhookSecret)
{
    /// <summary>The bot's numeric id is the token's prefix; it keys per-bot data such as processed update ids.</summary>
    public long BotId => long.Parse(Token.AsSpan(0, Token.IndexOf(':')));

    /// <summary>Never print the token: records print every property by default.</summary>
    public override string ToString() => $"bot {BotId} ({(IsPractice ? "practice" : "live")}, {Mode})";
}
