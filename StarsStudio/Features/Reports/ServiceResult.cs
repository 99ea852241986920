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

/// <summary>The endpoint's answer: text to relay, a file (bytes or a URL), or why it failed.</summary>
public sealed record ServiceResult(int? StatusCode, TimeSpan Latency, string? Text, byte[]? File, string? FileName, string? FileUrl, string? Error, bool Retryable)
{
    public bool Succeeded => Error is null;
    /// <summary>A short excerpt of what came back, for the editor's test call and for support.</summary>
    public string? Excerpt { get; init; }
}
