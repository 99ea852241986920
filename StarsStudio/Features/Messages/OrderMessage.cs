namespace StarsStudio.Features.Messages;

/// <summary>
/// One message the bot sent or tried to send about an order: Telegram's message id when it went out, the error
/// when it did not. Written in batches after the send (<see cref="OrderMessageLog"/>), never in its way.
/// </summary>
public sealed class OrderMessage
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public DateTimeOffset At { get; set; }
    public OrderMessageKind Kind { get; set; }
    public long ChatId { get; set; }
    /// <summary>The start of the text (or the file's caption / the invoice's title).</summary>
    public string? Excerpt { get; set; }
    public int? TelegramMessageId { get; set; }
    public string? Error { get; set; }
}
