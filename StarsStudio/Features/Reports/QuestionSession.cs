using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reports;

/// <summary>
/// A buyer half-way through a report's questions (one per buyer and bot): which action, which question is next,
/// and the answers so far. Deleted when the invoice is sent or the buyer cancels.
/// </summary>
public sealed class QuestionSession
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public int ActionId { get; set; }
    public int ActionVersion { get; set; }
    public int Index { get; set; }
    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>
    /// The promo code the buyer's Buy carried, kept among the answers under a key no question can have (keys start
    /// with a letter), so it reaches the invoice after the last answer without a column of its own.
    /// </summary>
    public const string CodeKey = "@code";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
