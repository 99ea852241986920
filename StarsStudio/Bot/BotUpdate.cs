using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>One small handler per kind of update; the routing table (<see cref="IUpdateRoutes"/>) says which gets which.</summary>
public interface IBotUpdateHandler
{
    Task HandleAsync(BotUpdate update, CancellationToken ct);
}

/// <summary>An update together with the bot it arrived for.</summary>
public sealed record BotUpdate(RunningBot Bot, Update Update)
{
    public ITelegramBotClient Client => Bot.Client;
}
