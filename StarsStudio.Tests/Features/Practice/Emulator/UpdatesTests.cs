using StarsStudio.Bot;
using System.Net.Http.Json;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>getUpdates semantics, raw and duplicated updates, and injected faults.</summary>
/// <remarks>One app for the class: every test works through a practice bot of its own.</remarks>
public sealed class UpdatesTests(SharedPracticeApp shared) : IClassFixture<SharedPracticeApp>
{
    private readonly PracticeAppFactory app = shared.App;

    [Fact]
    public async Task GetUpdates_LongPoll_WakesWhenAnUpdateArrives()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var poll = bot.Client.GetUpdates(timeout: 50);
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "are you there?");
        var updates = await poll;
        Assert.Equal("are you there?", Assert.Single(updates).Message!.Text);
    }

    [Fact]
    public async Task GetUpdates_OffsetAndLimit_ConfirmAndPage()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        for (var i = 1; i <= 5; i++) await app.Control.SendTextAsync(bot.BotId, buyer.UserId, $"m{i}");
        var firstTwo = await bot.Client.GetUpdates(limit: 2);
        Assert.Equal(["m1", "m2"], firstTwo.Select(u => u.Message!.Text));
        var rest = await bot.Client.GetUpdates(offset: firstTwo[1].Id + 1);
        Assert.Equal(["m3", "m4", "m5"], rest.Select(u => u.Message!.Text));
        Assert.Equal(["m3", "m4", "m5"], (await bot.Client.GetUpdates()).Select(u => u.Message!.Text));
        Assert.Empty(await bot.Client.GetUpdates(offset: rest[^1].Id + 1));
    }

    [Fact]
    public async Task GetUpdates_AllowedUpdates_FiltersTypes()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "text");
        await app.Control.SetBlockedAsync(bot.BotId, buyer.UserId, true);
        var onlyMembers = await bot.Client.GetUpdates(allowedUpdates: [UpdateType.MyChatMember]);
        Assert.Equal(UpdateType.MyChatMember, Assert.Single(onlyMembers).Type);
        var all = await bot.Client.GetUpdates(allowedUpdates: [UpdateType.Message, UpdateType.MyChatMember]);
        Assert.Equal(2, all.Length);
    }

    [Fact]
    public async Task GetUpdates_SecondPollerWhileOneWaits_EarlierEnds409AndTheNewOneProceeds()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var emulatorBot = await app.Service<PracticeEmulator>().LoadedBotAsync(bot.BotId);
        var first = bot.Client.GetUpdates(timeout: 50);
        await Eventually.WithinAsync(() => emulatorBot!.HasPollInProgress, seconds: 10);
        Assert.True(emulatorBot!.HasPollInProgress, "the first long poll never reached the emulator");

        // A second instance of the bot on the same token.
        var second = app.Client(bot.Token).GetUpdates(timeout: 50);
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => first);
        Assert.Equal(409, e.ErrorCode);
        Assert.Equal("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", e.Message);

        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "for the instance still polling");
        Assert.Equal("for the instance still polling", Assert.Single(await second).Message!.Text);
        // One poller after the other, as the app polls, never conflicts.
        Assert.Single(await bot.Client.GetUpdates());
    }

    [Fact]
    public async Task GetUpdates_WhileWebhookIsSet_Conflict409()
    {
        var bot = await app.NewBotAsync();
        await bot.Client.SetWebhook("https://example.invalid/hook", secretToken: "s3cret");
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.GetUpdates());
        Assert.Equal(409, e.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", e.Message);
        Assert.Equal("https://example.invalid/hook", (await bot.Client.GetWebhookInfo()).Url);
        await bot.Client.DeleteWebhook();
        Assert.Empty(await bot.Client.GetUpdates());
        Assert.Equal("", (await bot.Client.GetWebhookInfo()).Url);
    }

    [Fact]
    public async Task InjectUpdate_DuplicateIdAndDeliveryCopies_ArriveMoreThanOnce()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var raw = "{\"update_id\":500,\"message\":{\"message_id\":9,\"date\":1700000000,\"chat\":{\"id\":" + buyer.UserId
                  + ",\"type\":\"private\"},\"text\":\"again\"}}";
        await app.Control.InjectUpdateAsync(bot.BotId, raw);
        await app.Control.InjectUpdateAsync(bot.BotId, raw);
        var updates = await bot.Client.GetUpdates();
        Assert.Equal([500, 500], updates.Select(u => u.Id));

        await bot.Client.GetUpdates(offset: 501);
        await app.Control.SetDeliveryCopiesAsync(bot.BotId, 3);
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "thrice");
        var copies = await bot.Client.GetUpdates();
        Assert.Equal(3, copies.Length);
        Assert.Single(copies.Select(u => u.Id).Distinct());
        Assert.True(copies[0].Id > 500);
    }

    [Fact]
    public async Task InjectUpdate_MalformedJson_IsDeliveredAsIs()
    {
        var bot = await app.NewBotAsync();
        await app.Control.InjectUpdateAsync(bot.BotId, """{"update_id":7,"message":{"chat":"not an object"}}""");
        var raw = await app.Http.GetStringAsync($"{app.BaseUrl}/practice/bot{bot.Token}/getUpdates");
        Assert.Contains("\"chat\":\"not an object\"", raw);
        await Assert.ThrowsAsync<RequestException>(() => bot.Client.GetUpdates());
    }

    [Fact]
    public async Task InjectFault_TooManyRequestsAndServerError_AnswerTheNextCallsOnly()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.InjectFaultAsync(bot.BotId, "sendMessage", PracticeFaultKind.TooManyRequests, times: 1, retryAfterSeconds: 7);
        await app.Control.InjectFaultAsync(bot.BotId, "sendMessage", PracticeFaultKind.ServerError, times: 1);
        var limited = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, "x"));
        Assert.Equal(429, limited.ErrorCode);
        Assert.Equal(7, limited.Parameters?.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", limited.Message);
        var broken = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, "x"));
        Assert.Equal(500, broken.ErrorCode);
        await bot.Client.SendMessage(buyer.UserId, "works again");
    }

    [Fact]
    public async Task InjectFault_DropAndTimeout_ClientSeesTransportFailures()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.InjectFaultAsync(bot.BotId, "*", PracticeFaultKind.DropConnection);
        await Assert.ThrowsAnyAsync<RequestException>(() => bot.Client.SendMessage(buyer.UserId, "x"));

        using var impatient = new HttpClient(new ApiBasePathHandler(app.BaseUrl + "/practice") { InnerHandler = new SocketsHttpHandler() })
        { Timeout = TimeSpan.FromSeconds(1) };
        var client = new TelegramBotClient(new TelegramBotClientOptions(bot.Token, app.BaseUrl + "/practice") { RetryCount = 1 }, impatient);
        await app.Control.InjectFaultAsync(bot.BotId, "getMe", PracticeFaultKind.Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetMe());
        Assert.Equal(bot.BotId, (await client.GetMe()).Id);
    }

    [Fact]
    public async Task ControlApi_OverHttp_CreatesBuyersActsAndReadsTheChat()
    {
        var token = PracticeAppFactory.NewToken();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var bot = await (await http.PostAsJsonAsync("/practice/control/bots", new { token })).Content.ReadFromJsonAsync<PracticeBotSummary>();
        var buyer = await (await http.PostAsJsonAsync($"/practice/control/bots/{bot!.BotId}/buyers",
            new { firstName = "Ivo", username = "ivo_buys", languageCode = "it", stars = 0 })).Content.ReadFromJsonAsync<PracticeBuyer>();
        Assert.Equal(0, buyer!.Stars);
        var sent = await http.PostAsJsonAsync($"/practice/control/bots/{bot.BotId}/buyers/{buyer.UserId}/messages", new { text = "/start promo" });
        Assert.True(sent.IsSuccessStatusCode);
        var topped = await (await http.PostAsJsonAsync($"/practice/control/bots/{bot.BotId}/buyers/{buyer.UserId}/topup", new { stars = 25 }))
            .Content.ReadFromJsonAsync<PracticeBuyer>();
        Assert.Equal(25, topped!.Stars);
        var fault = await http.PostAsJsonAsync($"/practice/control/bots/{bot.BotId}/faults", new { method = "getMe", kind = "ServerError", times = 1 });
        Assert.True(fault.IsSuccessStatusCode);

        var chat = await http.GetStringAsync($"/practice/control/bots/{bot.BotId}/buyers/{buyer.UserId}/chat");
        Assert.Contains("/start promo", chat);
        var update = Assert.Single(await app.Client(token).GetUpdates());
        Assert.Equal("/start promo", update.Message!.Text);
        var bad = await http.PostAsJsonAsync($"/practice/control/bots/{bot.BotId}/buyers/{buyer.UserId}/pay", new { });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no invoice", await bad.Content.ReadAsStringAsync());
    }
}
