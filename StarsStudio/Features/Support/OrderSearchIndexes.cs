using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// Extra indexes the orders browser needs for instant search at a million orders: by buyer id without the bot id
/// (the Payments index starts with BotId), and the refund time for the earnings chart.
/// </summary>
internal sealed class OrderSearchIndexes : IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasIndex(o => new { o.BuyerId, o.CreatedAt });
        b.HasIndex(o => new { o.Resolved, o.Status });
    }

    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasIndex(p => p.ReceivedAt);
        b.HasIndex(p => p.RefundedAt);
    }
}
