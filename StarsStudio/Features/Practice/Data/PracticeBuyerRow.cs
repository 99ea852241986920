using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>A virtual buyer of one bot: a Telegram user with a Star balance.</summary>
public sealed class PracticeBuyerRow
{
    public long BotId { get; set; }
    public long UserId { get; set; }
    public required string FirstName { get; set; }
    public string? Username { get; set; }
    public string? LanguageCode { get; set; }
    public long Stars { get; set; }
    public bool Blocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
