using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>, IEntityTypeConfiguration<TelegramFileId>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.ContentType).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<TelegramFileId> b) => b.HasKey(f => new { f.FileId, f.BotId });
}
