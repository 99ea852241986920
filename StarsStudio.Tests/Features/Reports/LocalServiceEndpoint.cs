using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StarsStudio.Features.Reports;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reports;

/// <summary>One call a creator's endpoint received, with whether its signature and timestamp checked out.</summary>
public sealed record ServiceCall(int Number, string Body, string? IdempotencyKey, string? Timestamp, bool SignatureValid, bool TimestampFresh);

/// <summary>
/// A creator's mini-service on 127.0.0.1:0, verifying StarsStudio's signature the way the README tells creators
/// to; each test says how the Nth call is answered.
/// </summary>
public sealed class LocalServiceEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;
    public ConcurrentQueue<ServiceCall> Calls { get; } = new();
    public string Url { get; }
    public string Secret { get; set; } = "";
    public Func<int, HttpContext, Task<IResult>> Answer { get; set; } = (_, _) => Task.FromResult(Results.Json(new { text = "ok" }));

    private LocalServiceEndpoint(WebApplication app, string url) { this.app = app; Url = url; }

    public static async Task<LocalServiceEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalServiceEndpoint? self = null;
        // Two parameters, so this is a minimal-API handler whose IResult is executed (not a bare RequestDelegate).
        app.MapPost("/hook", async (HttpContext http, CancellationToken _) => await self!.HandleAsync(http));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        self = new LocalServiceEndpoint(app, url);
        return self;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = http.Request.Headers["X-StarsStudio-Timestamp"].ToString();
        var signature = http.Request.Headers["X-StarsStudio-Signature"].ToString();
        // The check a creator writes: recompute the HMAC over timestamp + "." + raw body, compare in constant time.
        var expected = ServiceCaller.Sign(Secret, timestamp, body);
        var valid = System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        var fresh = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) <= 300;
        var number = Interlocked.Increment(ref count);
        Calls.Enqueue(new ServiceCall(number, body, http.Request.Headers["Idempotency-Key"].ToString(), timestamp, valid, fresh));
        if (!valid || !fresh) return Results.Json(new { error = "bad signature" }, statusCode: 401);
        return await Answer(number, http);
    }

    public async Task<ServiceCall> WaitForCallAsync(int number, int seconds = Eventually.DefaultSeconds) =>
        (await Eventually.GetAsync(() => Task.FromResult(Calls.FirstOrDefault(c => c.Number == number)), call => call is not null,
            _ => $"the endpoint got {Calls.Count} calls, not {number}", seconds))!;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
