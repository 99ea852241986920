using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Area, e.At });
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.Area).HasMaxLength(32);
    }
}
