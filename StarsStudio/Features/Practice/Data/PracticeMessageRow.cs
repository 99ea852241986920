using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>A message in a buyer's chat with the bot, kept as the Bot API's Message JSON.</summary>
public sealed class PracticeMessageRow
{
    public long BotId { get; set; }
    public int MessageId { get; set; }
    public long ChatId { get; set; }
    public PracticeMessageKind Kind { get; set; }
    public required string Json { get; set; }
    /// <summary>Invoices only: Telegram never shows the payload in the Message, but the payment needs it.</summary>
    public string? InvoicePayload { get; set; }
    public bool Deleted { get; set; }
    public DateTimeOffset Date { get; set; }
}
