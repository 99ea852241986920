using StarsStudio.Bot;

namespace StarsStudio.Tests.Bot;

/// <summary>Telegram.Bot drops the path of a custom base URL; the handler puts it back for that server only.</summary>
public sealed class ApiBasePathHandlerTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public Uri? Seen;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }

    private static async Task<string> SendAsync(string baseUrl, string url)
    {
        var capture = new Capture();
        using var client = new HttpClient(new ApiBasePathHandler(baseUrl) { InnerHandler = capture });
        await client.GetAsync(url);
        return capture.Seen!.ToString();
    }

    [Theory]
    // Another process's emulator, or a self-hosted Bot API behind a path: the path comes back.
    [InlineData("http://127.0.0.1:5080/practice", "http://127.0.0.1:5080/bot1:a/getMe", "http://127.0.0.1:5080/practice/bot1:a/getMe")]
    [InlineData("https://api.example.com/tg", "https://api.example.com/file/bot1:a/documents/x.pdf", "https://api.example.com/tg/file/bot1:a/documents/x.pdf")]
    // Already there, another server, or not a Bot API call: untouched.
    [InlineData("http://127.0.0.1:5080/practice", "http://127.0.0.1:5080/practice/bot1:a/getMe", "http://127.0.0.1:5080/practice/bot1:a/getMe")]
    [InlineData("http://127.0.0.1:5080/practice", "https://api.telegram.org/bot1:a/getMe", "https://api.telegram.org/bot1:a/getMe")]
    [InlineData("http://127.0.0.1:5080/practice", "http://127.0.0.1:5080/healthz", "http://127.0.0.1:5080/healthz")]
    public async Task Request_ToTheBaseUrlsServer_GetsItsPathBack(string baseUrl, string url, string expected) =>
        Assert.Equal(expected, await SendAsync(baseUrl, url));
}
