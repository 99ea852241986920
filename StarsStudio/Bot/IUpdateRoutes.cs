using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>The bot's routing table: which handler an update goes to, or null when none wants it.</summary>
public interface IUpdateRoutes
{
    BotRoute? Find(Update update);
}
