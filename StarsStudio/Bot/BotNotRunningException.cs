using Telegram.Bot;

namespace StarsStudio.Bot;

public sealed class BotNotRunningException() : Exception("The bot is not running right now; check the status chip and Settings.");
