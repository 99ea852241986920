using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

/// <summary>A channel where the bot is an admin that may post.</summary>
public sealed class ReminderChannel
{
    public int Id { get; set; }
    public long BotId { get; set; }
    public long ChatId { get; set; }
    public required string Title { get; set; }
    public string? Username { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
