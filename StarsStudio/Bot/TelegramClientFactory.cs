using Telegram.Bot;

namespace StarsStudio.Bot;

/// <summary>Builds the real Telegram.Bot client over an IHttpClientFactory client, for any bot connection.</summary>
public sealed class TelegramClientFactory(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "telegram";

    public ITelegramBotClient Create(BotConnection connection)
    {
        var options = new TelegramBotClientOptions(connection.Token, connection.ApiBaseUrl, connection.UseTestEnvironment)
        {
            // BotSender pauses the whole outbound queue on a 429; a hidden retry inside the client would
            // keep sending at full speed and hide the 429 from it.
            RetryCount = 1,
        };
        return new TelegramBotClient(options, httpClients.CreateClient(HttpClientName));
    }
}

/// <summary>The client of the bot that is running now, for services that send on the bot's behalf.</summary>
public sealed class BotClientAccessor
{
    private volatile RunningBot? current;

    public RunningBot? Current => current;

    /// <summary>The running bot, or a clear error that services turn into a message for staff.</summary>
    public RunningBot Require() => current ?? throw new BotNotRunningException();

    internal void Set(RunningBot? bot) => current = bot;
}

public sealed record RunningBot(ITelegramBotClient Client, BotConnection Connection, string Username)
{
    public long BotId => Connection.BotId;
    public override string ToString() => $"@{Username} {Connection}";
}

public sealed class BotNotRunningException() : Exception("The bot is not running right now; check the status chip and Settings.");
