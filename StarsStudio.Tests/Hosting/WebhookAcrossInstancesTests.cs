using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting;

/// <summary>
/// Two instances in webhook mode on one PostgreSQL, as behind a load balancer. Telegram delivers an update again
/// when an answer is slow, and a balancer may hand the copy to the other instance while the first is still working
/// on it: update-id dedupe must hold for commands and buttons too, not only for payments.
/// </summary>
public sealed class WebhookAcrossInstancesTests : IAsyncLifetime
{
    private const string Secret = "cluster_secret-42";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private readonly List<LocalBotApi> apis = [];
    private readonly List<StarsAppFactory> apps = [];

    public async Task InitializeAsync()
    {
        if (TestDatabase.Server is null) return; // PostgresFact skips every test then
        for (var i = 0; i < 2; i++)
        {
            var api = await LocalBotApi.StartAsync();
            var app = new StarsAppFactory()
                .With("StarsStudio:DataDirectory", dataDirectory)
                .With("Telegram:BotToken", LocalBotApi.Token)
                .With("Telegram:ApiBaseUrl", api.Url)
                .With("Telegram:Mode", "Webhook")
                .With("Telegram:WebhookUrl", "https://stars.example.com/telegram/webhook")
                .With("Telegram:WebhookSecret", Secret)
                .With("Telegram:Outbound:PerChatIntervalMilliseconds", "0");
            foreach (var (key, value) in TestDatabase.PostgresSettings(dataDirectory)) app.With(key, value);
            app.Start();
            apis.Add(api);
            apps.Add(app);
            await Eventually.UntilAsync(() => api.Calls.Any(c => c.Method == "setWebhook"), "the bot to call setWebhook", seconds: 30);
        }
    }

    public async Task DisposeAsync()
    {
        if (TestDatabase.Server is null) return;
        foreach (var app in apps) await app.DisposeAsync();
        foreach (var api in apis) await api.DisposeAsync();
        await TestDatabase.DropAsync(dataDirectory);
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static object Terms(int updateId, long chat) => new
    {
        update_id = updateId,
        message = new { message_id = 1, date = 1700000000, chat = new { id = chat, type = "private" }, from = new { id = chat, is_bot = false, first_name = "W" }, text = "/terms" },
    };

    private static async Task<HttpStatusCode> PostAsync(StarsAppFactory app, object update)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "/telegram/webhook") { Content = JsonContent.Create(update) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        return (await http.SendAsync(request)).StatusCode;
    }

    private int TermsSentTo(long chat) => apis.Sum(api => api.SentTexts(chat).Count(t => t.StartsWith("Terms of sale")));

    [PostgresFact]
    public async Task SameCommand_ToBothInstancesAtOnce_AnsweredOnce()
    {
        const int updates = 30;
        var chats = Enumerable.Range(0, updates).Select(_ => SharedShop.NewBuyer()).ToArray();

        // Each update reaches both instances at the same moment. The webhook answers only after the handler ran,
        // so when every POST has returned, every reply there will ever be has been sent.
        var answers = await Task.WhenAll(chats.Select((chat, i) => Task.WhenAll(apps.Select(app => PostAsync(app, Terms(700_000 + i, chat))))));

        Assert.All(answers.SelectMany(a => a), code => Assert.Equal(HttpStatusCode.OK, code));
        Assert.All(chats, chat => Assert.Equal(1, TermsSentTo(chat)));
    }

    [PostgresFact]
    public async Task UpdateClaimedByAnInstanceThatDied_IsHandledWhenItComesAgain()
    {
        var chat = SharedShop.NewBuyer();
        const int updateId = 710_000;
        // An instance took the update and died before it answered: its claim is left, its lease long run out.
        await using (var db = await apps[0].DbAsync())
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-5).UtcTicks;
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"ProcessedUpdates\" (\"BotId\", \"UpdateId\", \"ProcessedAt\", \"LeaseUntil\") VALUES ({BotIdOf(apps[0])}, {updateId}, {past}, {past})");
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(apps[1], Terms(updateId, chat)));
        Assert.Equal(1, TermsSentTo(chat));

        // Done now: a third copy is dropped.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(apps[0], Terms(updateId, chat)));
        Assert.Equal(1, TermsSentTo(chat));
    }

    private static long BotIdOf(StarsAppFactory app) => app.Service<StarsStudio.Bot.BotClientAccessor>().Current!.BotId;
}
