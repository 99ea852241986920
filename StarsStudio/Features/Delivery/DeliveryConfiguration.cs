using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Delivery;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryJob>, IEntityTypeConfiguration<CreditGrant>, IEntityTypeConfiguration<CommandEntitlement>
{
    public void Configure(EntityTypeBuilder<DeliveryJob> b)
    {
        b.HasIndex(j => new { j.Status, j.NextAttemptAt });
        b.HasIndex(j => new { j.OrderId, j.Status });
        // One active delivery per order, decided by the database: a double-clicked redelivery cannot queue two.
        b.HasIndex(j => j.OrderId).IsUnique().HasFilter("\"Status\" IN ('Pending', 'Running')").HasDatabaseName("IX_DeliveryJobs_OrderId_Active");
        b.HasIndex(j => new { j.BotId, j.Status, j.NextAttemptAt });
        b.HasIndex(j => j.ClaimToken);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(j => j.Reason).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<CreditGrant> b)
    {
        b.HasIndex(g => g.OrderId).IsUnique();
        b.HasIndex(g => new { g.BotId, g.BuyerId });
    }

    public void Configure(EntityTypeBuilder<CommandEntitlement> b)
    {
        b.HasIndex(e => e.OrderId).IsUnique();
        b.HasIndex(e => new { e.BotId, e.BuyerId, e.CommandName });
        b.Property(e => e.CommandName).HasMaxLength(32);
    }
}
