using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Messages;

internal sealed class OrderMessageConfiguration : IEntityTypeConfiguration<OrderMessage>
{
    public void Configure(EntityTypeBuilder<OrderMessage> b)
    {
        b.HasIndex(m => new { m.OrderId, m.At });
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.Excerpt).HasMaxLength(OrderMessageLog.ExcerptLength);
        b.Property(m => m.Error).HasMaxLength(512);
    }
}
