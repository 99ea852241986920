using System.Net;
using System.Text.Json.Nodes;
using StarsStudio.Tests.Features.Practice.Control;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>Who may call the emulator's Bot API: this machine, but not a caller relayed by a proxy on it.</summary>
public sealed class BotApiAccessTests
{
    private static HttpRequestMessage GetMe(PracticeAppFactory app, string token, (string Header, string Value) proxy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{app.BaseUrl}/practice/bot{token}/getMe");
        request.Headers.TryAddWithoutValidation(proxy.Header, proxy.Value);
        return request;
    }

    [Fact]
    public async Task BotApi_LoopbackWithAProxyHeader_IsForbidden()
    {
        await using var app = new PracticeAppFactory();
        app.Start();
        var bot = await app.NewBotAsync();
        foreach (var proxy in ControlApiAccessTests.ProxyHeaders)
        {
            var response = await app.Http.SendAsync(GetMe(app, bot.Token, proxy));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{proxy.Header} answered {response.StatusCode}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.False((bool)body["ok"]!);
            Assert.StartsWith("Forbidden: the practice emulator answers this machine only", (string)body["description"]!);
        }
        // The same bot, asked directly, still answers.
        Assert.Equal(bot.BotId, (await bot.Client.GetMe()).Id);
    }

    [Fact]
    public async Task BotApi_AllowRemote_AnswersProxiedRequests()
    {
        await using var app = new PracticeAppFactory().With("Practice:AllowRemote", "true");
        app.Start();
        var bot = await app.NewBotAsync();
        foreach (var proxy in ControlApiAccessTests.ProxyHeaders)
        {
            var response = await app.Http.SendAsync(GetMe(app, bot.Token, proxy));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bot.BotId, (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!["id"]!);
        }
    }
}
