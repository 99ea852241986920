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
