namespace StarsStudio.Rehearsal;

/// <summary>
/// The load balancer in front of the cluster drill's instances: the bot's one webhook URL. Each update Telegram
/// (the emulator) posts goes to a random live instance; if that one fails (killed mid-request, refused, 5xx) the
/// next is tried, as a balancer with retries does; a share of updates goes to two instances at once, as
/// Telegram's redelivery and a balancer's retry can both cause. Answers 2xx when any instance took the update,
/// else 502, so the emulator delivers it again later.
/// </summary>
public sealed class WebhookBalancer : IAsyncDisposable
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private readonly WebApplication app;
    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Func<IReadOnlyList<string>> liveInstances;
    private readonly double twiceShare;
    private long forwarded, twice, failovers, refused;

    public string Url { get; }
    public long Forwarded => Interlocked.Read(ref forwarded);
    /// <summary>Updates handed to two instances at once.</summary>
    public long Twice => Interlocked.Read(ref twice);
    /// <summary>Updates one instance failed and another then took.</summary>
    public long Failovers => Interlocked.Read(ref failovers);
    /// <summary>Updates no instance took (the emulator sends them again).</summary>
    public long Refused => Interlocked.Read(ref refused);

    private WebhookBalancer(WebApplication app, string url, Func<IReadOnlyList<string>> liveInstances, double twiceShare)
    {
        this.app = app; Url = url; this.liveInstances = liveInstances; this.twiceShare = twiceShare;
    }

    /// <param name="liveInstances">Base URLs of the instances running now.</param>
    /// <param name="twiceShare">Share (0–1) of updates sent to two instances.</param>
    public static async Task<WebhookBalancer> StartAsync(Func<IReadOnlyList<string>> liveInstances, double twiceShare)
    {
        var url = $"http://127.0.0.1:{RehearsalHost.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        var app = builder.Build();
        var balancer = new WebhookBalancer(app, url, liveInstances, twiceShare);
        app.MapPost(Hosting.BotExtensions.WebhookPath, (Delegate)balancer.ForwardAsync);
        await app.StartAsync();
        return balancer;
    }

    public string WebhookUrl => Url + Hosting.BotExtensions.WebhookPath;

    private async Task<IResult> ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var json = body.ToArray();
        var secret = context.Request.Headers[SecretHeader].ToString();
        var candidates = liveInstances().OrderBy(_ => Random.Shared.Next()).ToList();
        Interlocked.Increment(ref forwarded);

        if (candidates.Count >= 2 && Random.Shared.NextDouble() < twiceShare)
        {
            Interlocked.Increment(ref twice);
            var both = await Task.WhenAll(PostAsync(candidates[0], json, secret), PostAsync(candidates[1], json, secret));
            if (both.Any(ok => ok)) return Results.Ok();
            candidates.RemoveRange(0, 2);
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            if (await PostAsync(candidates[i], json, secret))
            {
                if (i > 0) Interlocked.Increment(ref failovers);
                return Results.Ok();
            }
        }
        Interlocked.Increment(ref refused);
        return Results.StatusCode(StatusCodes.Status502BadGateway);
    }

    private async Task<bool> PostAsync(string instance, byte[] json, string secret)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, instance + Hosting.BotExtensions.WebhookPath) { Content = new ByteArrayContent(json) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(SecretHeader, secret);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // Killed mid-request or not listening yet: the next instance gets it.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }
}
