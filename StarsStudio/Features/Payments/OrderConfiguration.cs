using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasIndex(o => o.Code).IsUnique();
        b.HasIndex(o => o.ChargeId).IsUnique();
        b.HasIndex(o => new { o.BotId, o.BuyerId, o.CreatedAt });
        b.HasIndex(o => new { o.ActionId, o.Status });
        b.HasIndex(o => new { o.BotId, o.ActionId, o.Status });
        b.HasIndex(o => new { o.Status, o.CreatedAt });
        b.HasIndex(o => o.CreatedAt);
        b.HasIndex(o => new { o.PromoCodeId, o.Status });
        b.Property(o => o.Code).HasMaxLength(16);
        b.Property(o => o.ChargeId).HasMaxLength(128);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.BuyerLanguage).HasMaxLength(16);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne(o => o.Action).WithMany().HasForeignKey(o => o.ActionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId);
    }

    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.HasIndex(e => new { e.OrderId, e.At });
        b.Property(e => e.Actor).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Kind).HasMaxLength(40)
            .HasConversion(k => OrderEventKinds.ToStored(k), s => OrderEventKinds.FromStored(s));
    }
}
