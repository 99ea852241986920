using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>When a handler runs relative to others: payment updates are always routed first.</summary>
public enum RouteStage { Payment = 0, Normal = 100, Fallback = 1000 }

/// <summary>One small handler per kind of update; the <see cref="UpdateRouter"/> gives each update to the first that claims it.</summary>
public interface IBotUpdateHandler
{
    RouteStage Stage { get; }
    bool CanHandle(Update update);
    Task HandleAsync(BotUpdate update, CancellationToken ct);
}

/// <summary>An update together with the bot it arrived for.</summary>
public sealed record BotUpdate(RunningBot Bot, Update Update)
{
    public ITelegramBotClient Client => Bot.Client;
}
