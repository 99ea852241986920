using StarsStudio.Bot;
using StarsStudio.Features.Settings;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

/// <summary>The polling loop against a local Bot API over real HTTP, with faults injected on purpose.</summary>
/// <remarks>
/// Tests that only talk to the bot share one app (each from its own chat); the ones that change the settings,
/// inject faults from start-up or restart the app get an app and a Bot API of their own (two bots polling one API
/// would steal each other's updates).
/// </remarks>
public sealed class PollingLoopTests(PollingLoopTests.PollingApp shared) : IClassFixture<PollingLoopTests.PollingApp>
{
    public sealed class PollingApp : IAsyncLifetime
    {
        public LocalBotApi Api { get; private set; } = null!;
        public StarsAppFactory App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = await LocalBotApi.StartAsync();
            App = NewApp(Api);
            App.Start();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Api.DisposeAsync();
            foreach (var directory in directories)
                try { Directory.Delete(directory, true); } catch (IOException) { }
        }

        private readonly List<string> directories = [];

        /// <summary>A data directory for apps that restart (deleted with the fixture).</summary>
        public string NewDataDirectory()
        {
            var directory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
            directories.Add(directory);
            return directory;
        }
    }

    /// <summary>An app polling <paramref name="api"/>; in its own temporary directory unless given one to share (restarts).</summary>
    private static StarsAppFactory NewApp(LocalBotApi api, string? dataDirectory = null)
    {
        var app = new StarsAppFactory();
        if (dataDirectory is not null) app.With("StarsStudio:DataDirectory", dataDirectory);
        return app
            .With("Telegram:BotToken", LocalBotApi.Token)
            .With("Telegram:ApiBaseUrl", api.Url)
            .With("Telegram:RequestTimeoutSeconds", "3");
    }

    [Fact]
    public async Task Poll_TermsAndPrivacyAndPaySupport_AnswerWithSettingsTexts()
    {
        // Changes the shop's texts, which the other tests read: an app of its own.
        await using var api = await LocalBotApi.StartAsync();
        await using var app = NewApp(api);
        app.Start();
        var form = SettingsForm.From(await app.Service<SettingsService>().GetAsync());
        form.TermsText = "Our terms: be nice.";
        form.PrivacyText = "We keep only your order ids.";
        form.SupportText = "Write your order code, we answer within a day.";
        await app.Service<SettingsService>().SaveGeneralAsync("test", form);

        api.EnqueueText(42, "/terms");
        api.EnqueueText(42, "/privacy");
        api.EnqueueText(42, "/paysupport");

        await api.WaitForTextAsync(42, t => t == "Our terms: be nice.");
        await api.WaitForTextAsync(42, t => t == "We keep only your order ids.");
        await api.WaitForTextAsync(42, t => t == "Write your order code, we answer within a day.");
    }

    [Fact]
    public async Task Poll_AllowedUpdates_IncludePreCheckoutQuery()
    {
        var api = shared.Api;
        api.EnqueueText(7, "/start");
        await api.WaitForTextAsync(7, t => t.Contains("Telegram Stars"));
        var poll = api.Calls.First(c => c.Method == "getUpdates").Body;
        var allowed = poll["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("pre_checkout_query", allowed);
        Assert.Contains("message", allowed);
        Assert.Contains("callback_query", allowed);
        Assert.Contains("my_chat_member", allowed);
    }

    [Fact]
    public async Task Poll_After500sGarbageAndTimeouts_KeepsProcessing()
    {
        // The faults must meet the loop from its first call on (getMe, deleteWebhook, getUpdates): a fresh app.
        await using var api = await LocalBotApi.StartAsync();
        await using var app = NewApp(api);
        app.Start();
        api.FailNext("500", 2);
        api.FailNext("garbage", 2);
        api.FailNext("stall", 1);
        api.EnqueueText(9, "/terms");

        var answer = await api.WaitForTextAsync(9, t => t.StartsWith("Terms of sale"), seconds: 60);
        Assert.NotNull(answer);
        // A fault still queued may meet the poll after the answer and show Error for a moment; the loop must come
        // back to Live by itself once the faults are spent.
        var status = app.Service<BotStatus>();
        await Eventually.UntilAsync(() => status.State == BotState.Live, $"the bot to be Live again (it is {status.State}: {status.Problem})", seconds: 30);
    }

    [Fact]
    public async Task Poll_UnknownTextAndNonTextMessage_GetHelpAndNeverCrash()
    {
        var api = shared.Api;
        api.Enqueue(id => new System.Text.Json.Nodes.JsonObject
        {
            ["update_id"] = id,
            ["message"] = new System.Text.Json.Nodes.JsonObject
            {
                ["message_id"] = 1, ["date"] = 1700000000,
                ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = 11, ["type"] = "private" },
                ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = 11, ["is_bot"] = false, ["first_name"] = "NoText" },
                ["new_chat_title"] = "service message without text",
            },
        });
        api.EnqueueText(11, "hello?");
        var help = await api.WaitForTextAsync(11, t => t.Contains("/paysupport"));
        Assert.Contains("/start", help);
        Assert.Single(api.SentTexts(11));
    }

    [Fact]
    public async Task Poll_SameUpdateIdAfterRestart_IsNotProcessedTwice()
    {
        // A restart: an app (two, one after the other) and a Bot API of its own.
        await using var api = await LocalBotApi.StartAsync();
        var dataDirectory = shared.NewDataDirectory();
        int duplicateId;
        await using (var first = NewApp(api, dataDirectory))
        {
            first.Start();
            duplicateId = api.EnqueueText(5, "/terms");
            await api.WaitForTextAsync(5, t => t.StartsWith("Terms of sale"));
            // Let the loop confirm the offset, and the command's queue mark the update processed, before stopping.
            await api.PolledPastAsync(duplicateId);
            await first.Service<UpdateRouter>().DrainAsync();
        }

        await using var second = NewApp(api, dataDirectory);
        second.Start();
        api.EnqueueText(5, "/terms", id: duplicateId);
        api.EnqueueText(6, "/privacy");
        await api.WaitForTextAsync(6, t => t.StartsWith("Privacy"));

        Assert.Single(api.SentTexts(5));
    }
}
