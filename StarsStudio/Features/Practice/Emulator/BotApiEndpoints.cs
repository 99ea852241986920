using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// The emulator's Bot API over HTTP: <c>/practice/bot{token}/{method}</c> and <c>/practice/file/bot{token}/{path}</c>,
/// answering in Telegram's wire format. Request paths hold tokens, so nothing here logs a path.
/// </summary>
internal static class BotApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/practice/bot{token}/{method}", ["GET", "POST"], HandleAsync)
            .AllowAnonymous().DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        app.MapGet("/practice/file/bot{token}/{**path}", DownloadAsync)
            .AllowAnonymous().WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
    }

    /// <summary>Headers a reverse proxy adds when it relays someone else's request.</summary>
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    /// <summary>
    /// A request from this machine itself. A proxy on this machine (nginx, Caddy, a tunnel) connects from
    /// 127.0.0.1 for callers anywhere, so a request carrying a proxy header is never local, whatever its address.
    /// </summary>
    public static bool IsLocal(HttpContext http) =>
        !ProxyHeaders.Any(http.Request.Headers.ContainsKey)
        && http.Connection.RemoteIpAddress is { } ip && (IPAddress.IsLoopback(ip) || ip.Equals(http.Connection.LocalIpAddress));

    private static async Task HandleAsync(HttpContext http, string token, string method, PracticeEmulator emulator, IOptionsMonitor<PracticeOptions> options)
    {
        if (!options.CurrentValue.AllowRemote && !IsLocal(http))
        {
            await WriteErrorAsync(http, new BotApiException(403, "Forbidden: the practice emulator answers this machine only (set Practice:AllowRemote=true to open it)"));
            return;
        }
        try
        {
            if (!PracticeEmulator.IsKnownMethod(method)) throw PracticeErrors.NotFound();
            var bot = await emulator.BotForTokenAsync(token, http.RequestAborted);
            if (await emulator.TakeFaultAsync(bot, method, http.RequestAborted) is { } fault)
            {
                switch (fault.Kind)
                {
                    case PracticeFaultKind.TooManyRequests: throw PracticeErrors.TooManyRequests(fault.RetryAfterSeconds);
                    case PracticeFaultKind.ServerError: throw new BotApiException(500, "Internal Server Error");
                    case PracticeFaultKind.DropConnection: http.Abort(); return;
                    case PracticeFaultKind.Timeout:
                        using (var hang = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, emulator.Stopping))
                            await Task.Delay(Timeout.Infinite, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                        http.Abort();
                        return;
                }
            }
            var request = await BotApiRequest.ReadAsync(http.Request, http.RequestAborted);
            var result = await emulator.CallAsync(bot, method, request, http.RequestAborted);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"ok\":true,\"result\":" + result + "}", Encoding.UTF8, http.RequestAborted);
        }
        catch (BotApiException e)
        {
            await WriteErrorAsync(http, e);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (or a Timeout fault hung on purpose): nothing to answer.
        }
        catch (PracticeCrashedException)
        {
            // A simulated crash (tests): a killed process answers nothing, the connection just drops.
            http.Abort();
        }
    }

    private static async Task DownloadAsync(HttpContext http, string token, string path, PracticeEmulator emulator, IOptionsMonitor<PracticeOptions> options)
    {
        if (!options.CurrentValue.AllowRemote && !IsLocal(http))
        {
            await WriteErrorAsync(http, new BotApiException(403, "Forbidden"));
            return;
        }
        try
        {
            var bot = await emulator.BotForTokenAsync(token, http.RequestAborted);
            var file = await emulator.UnderGateAsync(bot, () => Task.FromResult(PracticeEmulator.FindFileByPath(bot, path)), http.RequestAborted)
                       ?? throw PracticeErrors.NotFound();
            http.Response.ContentType = file.MimeType ?? "application/octet-stream";
            http.Response.ContentLength = file.Content.Length;
            if (file.FileName is { } name)
                http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = name, Inline = false }.ToString();
            await http.Response.Body.WriteAsync(file.Content, http.RequestAborted);
        }
        catch (BotApiException e)
        {
            await WriteErrorAsync(http, e);
        }
        catch (PracticeCrashedException)
        {
            http.Abort();
        }
    }

    private static Task WriteErrorAsync(HttpContext http, BotApiException e)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = e.ErrorCode, ["description"] = e.Description };
        if (e.RetryAfter is { } retryAfter)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
            http.Response.Headers.RetryAfter = retryAfter.ToString();
        }
        http.Response.StatusCode = e.ErrorCode;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString());
    }
}
