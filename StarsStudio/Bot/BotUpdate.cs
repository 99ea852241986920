using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>An update together with the bot it arrived for.</summary>
public sealed record BotUpdate(RunningBot Bot, Update Update)
{
    public ITelegramBotClient Client => Bot.Client;
}
