using StarsStudio.Bot;
using StarsStudio.Features.Settings;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

/// <summary>The polling loop against a local Bot API over real HTTP, with faults injected on purpose.</summary>
public sealed class PollingLoopTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => api = await LocalBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
    }

    private StarsAppFactory NewApp() => new StarsAppFactory()
        .With("StarsStudio:DataDirectory", dataDirectory)
        .With("Telegram:BotToken", LocalBotApi.Token)
        .With("Telegram:ApiBaseUrl", api.Url)
        .With("Telegram:RequestTimeoutSeconds", "3");

    [Fact]
    public async Task Poll_TermsAndPrivacyAndPaySupport_AnswerWithSettingsTexts()
    {
        await using var app = NewApp();
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
        await using var app = NewApp();
        app.Start();
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
        await using var app = NewApp();
        app.Start();
        api.FailNext("500", 2);
        api.FailNext("garbage", 2);
        api.FailNext("stall", 1);
        api.EnqueueText(9, "/terms");

        var answer = await api.WaitForTextAsync(9, t => t.StartsWith("Terms of sale"), seconds: 60);
        Assert.NotNull(answer);
        Assert.Equal(BotState.Live, app.Service<BotStatus>().State);
    }

    [Fact]
    public async Task Poll_UnknownTextAndNonTextMessage_GetHelpAndNeverCrash()
    {
        await using var app = NewApp();
        app.Start();
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
        int duplicateId;
        await using (var first = NewApp())
        {
            first.Start();
            duplicateId = api.EnqueueText(5, "/terms");
            await api.WaitForTextAsync(5, t => t.StartsWith("Terms of sale"));
            // Let the loop confirm the offset before stopping.
            await Task.Delay(300);
        }

        await using var second = NewApp();
        second.Start();
        api.EnqueueText(5, "/terms", id: duplicateId);
        api.EnqueueText(6, "/privacy");
        await api.WaitForTextAsync(6, t => t.StartsWith("Privacy"));

        Assert.Single(api.SentTexts(5));
    }
}
