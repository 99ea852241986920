using Telegram.Bot;

namespace StarsStudio.Bot;

public sealed record RunningBot(ITelegramBotClient Client, BotConnection Connection, string Username)
{
    public long BotId => Connection.BotId;
    public override string ToString() => $"@{Username} {Connection}";
}
