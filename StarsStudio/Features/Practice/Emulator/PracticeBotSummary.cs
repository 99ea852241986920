using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>The bot's side: balance (with tenths from paid broadcasts), counters and webhook.</summary>
public sealed record PracticeBotSummary(
    long BotId, string Username, decimal StarBalance, int PendingUpdates, string? WebhookUrl, bool RateLimitsEnabled,
    long MessagesSent, long TooManyRequests, long PaidBroadcastMessages, int MaxMessagesPerSecondOverall, int MaxMessagesPerSecondPerChat);
