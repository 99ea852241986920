using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

internal sealed class SupportConfiguration :
    IEntityTypeConfiguration<SupportRequest>, IEntityTypeConfiguration<SupportMessage>,
    IEntityTypeConfiguration<SupportPrompt>, IEntityTypeConfiguration<ReconciliationFinding>
{
    public void Configure(EntityTypeBuilder<SupportRequest> b)
    {
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.BotId, r.BuyerId });
        b.HasIndex(r => r.OrderId);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.ClosedBy).HasMaxLength(256);
        b.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId);
    }

    public void Configure(EntityTypeBuilder<SupportMessage> b)
    {
        b.HasIndex(m => new { m.RequestId, m.At });
        b.Property(m => m.Author).HasMaxLength(256);
        b.Property(m => m.Text).HasMaxLength(4096);
    }

    public void Configure(EntityTypeBuilder<SupportPrompt> b) => b.HasKey(p => new { p.BotId, p.BuyerId });

    public void Configure(EntityTypeBuilder<ReconciliationFinding> b)
    {
        b.HasIndex(f => new { f.Kind, f.ChargeId }).IsUnique();
        b.HasIndex(f => f.ResolvedAt);
        b.HasIndex(f => new { f.BotId, f.ResolvedAt });
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(f => f.ChargeId).HasMaxLength(128);
        b.Property(f => f.InvoicePayload).HasMaxLength(256);
        b.Property(f => f.ResolvedBy).HasMaxLength(256);
    }
}
