using Telegram.Bot;

namespace StarsStudio.Bot;

/// <summary>The client of the bot that is running now, for services that send on the bot's behalf.</summary>
public sealed class BotClientAccessor
{
    private volatile RunningBot? current;

    public RunningBot? Current => current;

    /// <summary>The running bot, or a clear error that services turn into a message for staff.</summary>
    public RunningBot Require() => current ?? throw new BotNotRunningException();

    internal void Set(RunningBot? bot) => current = bot;
}
