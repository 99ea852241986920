using System.Net;
using System.Net.Http.Json;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

/// <remarks>One app in webhook mode for the class; each test writes from its own chat with its own update ids.</remarks>
public sealed class WebhookTests(WebhookTests.WebhookApp fixture) : IClassFixture<WebhookTests.WebhookApp>
{
    private readonly LocalBotApi api = fixture.Api;
    private readonly StarsAppFactory app = fixture.App;
    private const string Secret = "s3cret_value-123";

    public sealed class WebhookApp : IAsyncLifetime
    {
        public LocalBotApi Api { get; private set; } = null!;
        public StarsAppFactory App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = await LocalBotApi.StartAsync();
            App = new StarsAppFactory()
                .With("Telegram:BotToken", LocalBotApi.Token)
                .With("Telegram:ApiBaseUrl", Api.Url)
                .With("Telegram:Mode", "Webhook")
                .With("Telegram:WebhookUrl", "https://stars.example.com/telegram/webhook")
                .With("Telegram:WebhookSecret", Secret);
            App.Start();
            // Wait until the bot registered its webhook.
            await Eventually.UntilAsync(() => Api.Calls.Any(c => c.Method == "setWebhook"), "the bot to call setWebhook", seconds: 10);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Api.DisposeAsync();
        }
    }

    private static object TermsUpdate(int id, long chat = 77) => new
    {
        update_id = id,
        message = new { message_id = 1, date = 1700000000, chat = new { id = chat, type = "private" }, from = new { id = chat, is_bot = false, first_name = "W" }, text = "/terms" },
    };

    private async Task<HttpStatusCode> PostWithSecretAsync(object update)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = JsonContent.Create(update) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Webhook_SetWebhookCarriesSecretAndAllowedUpdates()
    {
        var call = api.Calls.First(c => c.Method == "setWebhook").Body;
        Assert.Equal(Secret, call["secret_token"]!.GetValue<string>());
        Assert.Contains("pre_checkout_query", call["allowed_updates"]!.ToJsonString());
    }

    [Fact]
    public async Task Webhook_WithoutSecretHeader_Is401AndNotProcessed()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(app.BaseUrl + "/telegram/webhook", TermsUpdate(1, chat: 76));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = JsonContent.Create(TermsUpdate(2, chat: 76)) };
        wrong.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        // A later update with the secret is answered: the bot is working, it just did not take the two above.
        Assert.Equal(HttpStatusCode.OK, await PostWithSecretAsync(TermsUpdate(4, chat: 75)));
        await api.WaitForTextAsync(75, t => t.StartsWith("Terms of sale"));
        Assert.Empty(api.SentTexts(76));
    }

    [Fact]
    public async Task Webhook_WithSecret_ProcessesOnceEvenWhenRedelivered()
    {
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, await PostWithSecretAsync(TermsUpdate(3)));
        await api.WaitForTextAsync(77, t => t.StartsWith("Terms of sale"));
        Assert.Single(api.SentTexts(77));
    }

    [Fact]
    public async Task Webhook_GarbageBody_Answers200AndKeepsWorking()
    {
        using var http = new HttpClient();
        using var garbage = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        garbage.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(garbage)).StatusCode);
    }
}
