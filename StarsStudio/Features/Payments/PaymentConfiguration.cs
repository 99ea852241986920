using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasIndex(p => p.ChargeId).IsUnique();
        b.HasIndex(p => new { p.Match, p.Resolved });
        b.HasIndex(p => p.OrderId);
        b.Property(p => p.ChargeId).HasMaxLength(128);
        b.Property(p => p.Currency).HasMaxLength(8);
        b.Property(p => p.InvoicePayload).HasMaxLength(256);
        b.Property(p => p.Match).HasConversion<string>().HasMaxLength(20);
    }
}
