using System.Net;
using StarsStudio.Features.Team;
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

    /// <summary>What a reverse proxy on this machine adds when it relays a caller from anywhere.</summary>
    public static readonly (string Header, string Value)[] ProxyHeaders =
        [("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=203.0.113.7;proto=https"), ("X-Real-IP", "203.0.113.7")];

    private static HttpRequestMessage Get(string url, (string Header, string Value)? proxy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (proxy is var (header, value)) request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    [Fact]
    public async Task ControlApi_LoopbackWithAProxyHeader_IsForbidden()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        using var http = new HttpClient();
        var url = $"{app.BaseUrl}/practice/control/bots/123/buyers";

        var direct = await http.SendAsync(Get(url, null));
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        foreach (var proxy in ProxyHeaders)
        {
            var proxied = await http.SendAsync(Get(url, proxy));
            Assert.True(proxied.StatusCode == HttpStatusCode.Forbidden, $"{proxy.Header} answered {proxied.StatusCode}");
            Assert.Contains("The practice control API answers this machine or a signed-in Owner only.", await proxied.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ControlApi_ThroughAProxy_AnswersASignedInOwnerOnly()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        await app.CreateUserAsync(TestUsers.Owner, TestUsers.Password, Roles.Owner);
        await app.CreateUserAsync(TestUsers.Creator, TestUsers.Password, Roles.Creator);
        using var owner = new CookieClient(app.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(TestUsers.Owner, TestUsers.Password)).StatusCode);
        using var creator = new CookieClient(app.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await creator.SignInAsync(TestUsers.Creator, TestUsers.Password)).StatusCode);

        foreach (var proxy in ProxyHeaders)
        {
            var asOwner = await owner.SendAsync(Get("practice/control/bots/123/buyers", proxy));
            Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
            Assert.Equal("[]", await asOwner.Content.ReadAsStringAsync());
            var asCreator = await creator.SendAsync(Get("practice/control/bots/123/buyers", proxy));
            Assert.Equal(HttpStatusCode.Forbidden, asCreator.StatusCode);
        }
    }
}
