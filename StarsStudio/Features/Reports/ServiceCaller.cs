using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Calls a creator's endpoint: JSON body, X-StarsStudio-Timestamp, X-StarsStudio-Signature
/// (sha256=HMAC-SHA256(secret, timestamp + "." + body), hex) and Idempotency-Key: the order code, so a retried
/// call can be recognised. Timeouts, 5xx and 429 are retryable; other 4xx are not.
/// </summary>
public sealed class ServiceCaller(IHttpClientFactory http, IOptions<ReportsOptions> options, TimeProvider clock, ILogger<ServiceCaller> logger)
{
    public const string HttpClientName = "StarsStudio.Services";
    public const int MaxResponseBytes = 20 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>https anywhere; http only to this machine (local development and tests).</summary>
    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the address StarsStudio calls after payment.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return "This is not a web address (it should start with https://).";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) return null;
        return "Use an https:// address (plain http is allowed only for localhost, for testing).";
    }

    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string Body(ServiceRequest request) => JsonSerializer.Serialize(new
    {
        order_code = request.OrderCode,
        buyer = new { id = request.BuyerId, name = request.BuyerName, username = request.BuyerUsername },
        action = new { slug = request.ActionSlug, version = request.ActionVersion },
        answers = request.Answers,
        input = request.Input,
        stars = request.Stars,
        charge_id = request.ChargeId,
        test = request.Test,
    }, Json);

    public async Task<ServiceResult> CallAsync(string url, string secret, ServiceRequest request, CancellationToken ct)
    {
        var body = Body(request);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Add("X-StarsStudio-Timestamp", timestamp);
        message.Headers.Add("X-StarsStudio-Signature", Sign(secret, timestamp, body));
        message.Headers.Add("Idempotency-Key", request.OrderCode);
        message.Headers.UserAgent.Add(new ProductInfoHeaderValue("StarsStudio", "1.0"));

        var client = http.CreateClient(HttpClientName);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.ServiceTimeoutSeconds));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var bytes = await ReadLimitedAsync(response.Content, timer.Token);
            var latency = Stopwatch.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var isText = mediaType.StartsWith("text/") || mediaType.Contains("json");
            var excerpt = isText ? Cut(Encoding.UTF8.GetString(bytes), 500) : $"{bytes.Length:N0} bytes of {(mediaType.Length > 0 ? mediaType : "unknown type")}";
            if (!response.IsSuccessStatusCode)
            {
                var retryable = status >= 500 || status == (int)HttpStatusCode.TooManyRequests || status == (int)HttpStatusCode.RequestTimeout;
                return new ServiceResult(status, latency, null, null, null, null, $"The service answered {status} {response.ReasonPhrase}: {Cut(excerpt, 200)}", retryable) { Excerpt = excerpt };
            }
            if (mediaType.Contains("json"))
            {
                JsonNode? node;
                try { node = JsonNode.Parse(bytes); }
                catch (JsonException) { return new ServiceResult(status, latency, null, null, null, null, "The service answered with JSON that does not parse.", false) { Excerpt = excerpt }; }
                var text = node?["text"]?.GetValueKind() == JsonValueKind.String ? node["text"]!.GetValue<string>() : null;
                var fileUrl = node?["file_url"]?.GetValueKind() == JsonValueKind.String ? node["file_url"]!.GetValue<string>() : null;
                if (text is null && fileUrl is null)
                    return new ServiceResult(status, latency, null, null, null, null, "The service's JSON has neither \"text\" nor \"file_url\".", false) { Excerpt = excerpt };
                if (fileUrl is not null && !(Uri.TryCreate(fileUrl, UriKind.Absolute, out var f) && (f.Scheme == Uri.UriSchemeHttps || f.Scheme == Uri.UriSchemeHttp)))
                    return new ServiceResult(status, latency, null, null, null, null, "The service's file_url is not a web address.", false) { Excerpt = excerpt };
                return new ServiceResult(status, latency, text, null, null, fileUrl, null, false) { Excerpt = excerpt };
            }
            if (mediaType.StartsWith("text/"))
            {
                var text = Encoding.UTF8.GetString(bytes).Trim();
                return text.Length == 0
                    ? new ServiceResult(status, latency, null, null, null, null, "The service answered with an empty text.", false) { Excerpt = excerpt }
                    : new ServiceResult(status, latency, text, null, null, null, null, false) { Excerpt = excerpt };
            }
            if (bytes.Length == 0) return new ServiceResult(status, latency, null, null, null, null, "The service answered with an empty body.", false) { Excerpt = excerpt };
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
            return new ServiceResult(status, latency, null, bytes, string.IsNullOrWhiteSpace(name) ? $"result-{request.OrderCode}{Extension(mediaType)}" : Path.GetFileName(name), null, null, false) { Excerpt = excerpt };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ServiceResult(null, Stopwatch.GetElapsedTime(started), null, null, null, null, $"The service did not answer within {timeout.TotalSeconds:0} s.", true);
        }
        catch (HttpRequestException e)
        {
            // The message names the host, never the secret (it is only inside the signature header).
            logger.LogInformation("Service call for {Order} failed: {Reason}", request.OrderCode, e.Message);
            return new ServiceResult(null, Stopwatch.GetElapsedTime(started), null, null, null, null, $"Could not reach the service: {e.Message}", true);
        }
        catch (ResponseTooLargeException)
        {
            return new ServiceResult(null, Stopwatch.GetElapsedTime(started), null, null, null, null, $"The service's answer is larger than {MaxResponseBytes / 1024 / 1024} MB.", false);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes) throw new ResponseTooLargeException();
        }
        return buffer.ToArray();
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "application/zip" => ".zip",
        _ => ".bin",
    };

    private sealed class ResponseTooLargeException : Exception;
}
