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

/// <summary>What StarsStudio POSTs to a creator's endpoint (snake_case JSON).</summary>
public sealed record ServiceRequest(
    string OrderCode, long BuyerId, string BuyerName, string? BuyerUsername, string ActionSlug, int ActionVersion,
    IReadOnlyDictionary<string, string> Answers, int Stars, string? ChargeId, string? Input = null, bool Test = false);
