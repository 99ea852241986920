using System.Net;
using System.Net.Http.Json;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

public sealed class WebhookTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private StarsAppFactory app = null!;
    private const string Secret = "s3cret_value-123";

    public async Task InitializeAsync()
    {
        api = await LocalBotApi.StartAsync();
        app = new StarsAppFactory()
            .With("Telegram:BotToken", LocalBotApi.Token)
            .With("Telegram:ApiBaseUrl", api.Url)
            .With("Telegram:Mode", "Webhook")
            .With("Telegram:WebhookUrl", "https://stars.example.com/telegram/webhook")
            .With("Telegram:WebhookSecret", Secret);
        app.Start();
        // Wait until the bot registered its webhook.
        for (var i = 0; i < 200 && !api.Calls.Any(c => c.Method == "setWebhook"); i++) await Task.Delay(50);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await api.DisposeAsync();
    }

    private static object TermsUpdate(int id) => new
    {
        update_id = id,
        message = new { message_id = 1, date = 1700000000, chat = new { id = 77, type = "private" }, from = new { id = 77, is_bot = false, first_name = "W" }, text = "/terms" },
    };

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
        var response = await http.PostAsJsonAsync(app.BaseUrl + "/telegram/webhook", TermsUpdate(1));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = JsonContent.Create(TermsUpdate(2)) };
        wrong.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        await Task.Delay(300);
        Assert.Empty(api.SentTexts(77));
    }

    [Fact]
    public async Task Webhook_WithSecret_ProcessesOnceEvenWhenRedelivered()
    {
        using var http = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = JsonContent.Create(TermsUpdate(3)) };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
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
