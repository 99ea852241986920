using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Offers;

internal sealed class OffersConfiguration : IEntityTypeConfiguration<PromoCode>, IEntityTypeConfiguration<EarlyBird>, IEntityTypeConfiguration<CardSeen>
{
    public void Configure(EntityTypeBuilder<PromoCode> b)
    {
        // One code means one thing: the unique index, not a check before insert, keeps two creators (or a bulk
        // generation racing a typed code) from making the same code twice.
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.Batch);
        b.Property(c => c.Code).HasMaxLength(PromoCodes.MaxLength);
        b.Property(c => c.Batch).HasMaxLength(40);
        b.Property(c => c.Note).HasMaxLength(200);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(12);
        b.HasOne<PaidAction>().WithMany().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Order>().WithOne().HasForeignKey(o => o.PromoCodeId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EarlyBird> b)
    {
        b.HasKey(e => e.ActionId);
        b.HasOne<PaidAction>().WithOne().HasForeignKey<EarlyBird>(e => e.ActionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CardSeen> b)
    {
        b.HasKey(s => new { s.BotId, s.BuyerId });
    }
}
