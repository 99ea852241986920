using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// An uploaded deliverable. Immutable once written: replacing an action's file stores a new one, so an order
/// in flight still delivers the file it was sold with.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>Telegram's file_id for a stored file, per bot: after the first upload, re-sends cost no bandwidth.</summary>
public sealed class TelegramFileId
{
    public Guid FileId { get; set; }
    public long BotId { get; set; }
    public required string TelegramId { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>, IEntityTypeConfiguration<TelegramFileId>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.ContentType).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<TelegramFileId> b) => b.HasKey(f => new { f.FileId, f.BotId });
}
