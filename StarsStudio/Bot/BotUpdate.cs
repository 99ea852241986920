using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>An update together with the bot it arrived for.</summary>
public sealed record BotUpdate(RunningBot Bot, Update Update)
{
    public ITelegramBotClient Client => Bot.Client;

    /// <summary>Set by a handler that marked the update processed inside its own transaction, so the router does not mark it again.</summary>
    public bool MarkedProcessed { get; private set; }

    public void MarkedInTransaction() => MarkedProcessed = true;
}
