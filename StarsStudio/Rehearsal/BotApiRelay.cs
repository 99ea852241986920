using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace StarsStudio.Rehearsal;

/// <summary>
/// The emulator's Bot API at the root of its own loopback address, for an app in another process.
/// Telegram.Bot keeps only the scheme, host and port of a custom base URL, and the app puts the emulator's
/// /practice path back only for its own address; so an app whose Telegram:ApiBaseUrl is another process's
/// emulator would call /bot{token}/… there and miss it. This relay forwards /bot… and /file/bot… to
/// {practice}/bot… unchanged, streaming both ways; when the app dies mid-request its long poll is cancelled
/// upstream too, as Telegram sees a dropped connection.
/// </summary>
public sealed class BotApiRelay : IAsyncDisposable
{
    private WebApplication? app;
    private readonly HttpClient client = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
    {
        // Long polls last PollTimeoutSeconds; the app's own request timeout bounds every call it makes.
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly string practiceBaseUrl;

    /// <summary>Give this to the app as Telegram:ApiBaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    private BotApiRelay(string practiceBaseUrl) => this.practiceBaseUrl = practiceBaseUrl.TrimEnd('/');

    /// <param name="practiceBaseUrl">The emulator, e.g. http://127.0.0.1:5080/practice.</param>
    public static async Task<BotApiRelay> StartAsync(string practiceBaseUrl)
    {
        var relay = new BotApiRelay(practiceBaseUrl);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(relay.ForwardAsync);
        await app.StartAsync();
        relay.app = app;
        relay.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return relay;
    }

    private async Task ForwardAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/practice/", StringComparison.Ordinal)) path = path["/practice".Length..];
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), practiceBaseUrl + path + http.Request.QueryString);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
            if (http.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            if (http.Request.ContentLength is { } length) request.Content.Headers.ContentLength = length;
        }
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
            http.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType) http.Response.ContentType = contentType.ToString();
            if (response.Content.Headers.ContentLength is { } contentLength) http.Response.ContentLength = contentLength;
            await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The app went away (killed) or gave up on the call: drop the upstream call as well.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            if (!http.Response.HasStarted) http.Response.StatusCode = StatusCodes.Status502BadGateway;
            else http.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        client.Dispose();
    }
}
