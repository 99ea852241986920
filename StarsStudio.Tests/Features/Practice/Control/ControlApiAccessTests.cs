using System.Net;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Practice.Control;

public sealed class ControlApiAccessTests
{
    [Fact]
    public async Task ControlApi_RealBotConfigured_IsOff()
    {
        await using var app = new StarsAppFactory()
            .With("Telegram:BotToken", "123456:real-token_ABC")
            .With("Telegram:ApiBaseUrl", "http://127.0.0.1:9");
        app.Start();
        using var http = new HttpClient();
        var response = await http.GetAsync($"{app.BaseUrl}/practice/control/bots/123456");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("control API is off", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ControlApi_RealBotButControlApiConfigured_IsOn()
    {
        await using var app = new StarsAppFactory()
            .With("Telegram:BotToken", "123456:real-token_ABC")
            .With("Telegram:ApiBaseUrl", "http://127.0.0.1:9")
            .With("Practice:ControlApi", "true");
        app.Start();
        using var http = new HttpClient();
        var response = await http.PostAsync($"{app.BaseUrl}/practice/control/bots",
            new StringContent("""{"token":"777:abc"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"botId\":777", await response.Content.ReadAsStringAsync());
    }
}
