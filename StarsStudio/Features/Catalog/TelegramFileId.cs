using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

/// <summary>Telegram's file_id for a stored file, per bot: after the first upload, re-sends cost no bandwidth.</summary>
public sealed class TelegramFileId
{
    public Guid FileId { get; set; }
    public long BotId { get; set; }
    public required string TelegramId { get; set; }
}
