using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>One small handler per kind of update; the routing table (<see cref="IUpdateRoutes"/>) says which gets which.</summary>
public interface IBotUpdateHandler
{
    Task HandleAsync(BotUpdate update, CancellationToken ct);
}
