using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

/// <summary>The order state machine (DESIGN.md). Side exits: Rejected, Expired, Cancelled, DeliveryFailed, Refunded.</summary>
public enum OrderStatus
{
    Created, InvoiceSent, Approved, Paid, Delivering, Delivered,
    Rejected, Expired, Cancelled, DeliveryFailed, Refunded,
}

/// <summary>One attempt by one buyer to buy one version of one action; its invoice payload maps to it alone.</summary>
public sealed class Order
{
    public long Id { get; set; }
    /// <summary>Short human code shown to buyer and support, e.g. SS-7K3Q9.</summary>
    public required string Code { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public int ActionId { get; set; }
    public int ActionVersion { get; set; }
    public ActionKind Kind { get; set; }
    /// <summary>Stars the invoice asks for; pre-checkout refuses any other total.</summary>
    public int Stars { get; set; }
    public OrderStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int? InvoiceMessageId { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    /// <summary>Telegram's telegram_payment_charge_id: the key for refunds and support.</summary>
    public string? ChargeId { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    /// <summary>Why pre-checkout said no, or why delivery failed, in words support can act on.</summary>
    public string? Problem { get; set; }
    /// <summary>Set by support when a DeliveryFailed order was handled by hand.</summary>
    public bool Resolved { get; set; }
    /// <summary>Changes on every transition, so a stale tracked copy can never overwrite a newer state.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public PaidAction? Action { get; set; }
    public List<OrderEvent> Events { get; set; } = [];

    public static readonly OrderStatus[] PaidStates = [OrderStatus.Paid, OrderStatus.Delivering, OrderStatus.Delivered, OrderStatus.DeliveryFailed];

    /// <summary>How reports and support describe the state.</summary>
    public string Describe() => Status switch
    {
        OrderStatus.Paid or OrderStatus.Delivering => "paid, generating",
        OrderStatus.Delivered => "paid, delivered",
        OrderStatus.DeliveryFailed => Resolved ? "paid, failed — resolved by support" : "paid, failed — support needed",
        OrderStatus.Refunded => "refunded",
        OrderStatus.Rejected => "rejected at checkout",
        OrderStatus.Approved => "checkout approved, waiting for payment",
        OrderStatus.InvoiceSent => "invoice sent",
        _ => Status.ToString().ToLowerInvariant(),
    };
}

public enum EventActor { Bot, Buyer, Staff, System, Telegram }

/// <summary>One line of an order's timeline.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public DateTimeOffset At { get; set; }
    public EventActor Actor { get; set; }
    /// <summary>Who exactly, for staff actions (email).</summary>
    public string? ActorName { get; set; }
    public OrderEventKind Kind { get; set; }
    public required string Detail { get; set; }
}

/// <summary>
/// The one definition of "orders that count against an action's stock and per-buyer limits": the bot's paid
/// orders, and its orders approved at pre-checkout within the payment window (an approval not followed by a
/// payment in time releases its hold).
/// </summary>
public static class OrderLimits
{
    public static IQueryable<Order> HoldingStockOf(this IQueryable<Order> orders, long botId, int actionId, DateTimeOffset approvedSince, long? exceptOrderId = null) =>
        orders.Where(o => o.BotId == botId && o.ActionId == actionId && o.Id != exceptOrderId
                          && (Order.PaidStates.Contains(o.Status) || (o.Status == OrderStatus.Approved && o.ApprovedAt > approvedSince)));

    /// <summary>Only paid orders: what "you already own this" is about.</summary>
    public static IQueryable<Order> PaidOf(this IQueryable<Order> orders, long botId, int actionId, long buyerId) =>
        orders.Where(o => o.BotId == botId && o.ActionId == actionId && o.BuyerId == buyerId && Order.PaidStates.Contains(o.Status));
}

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
        b.Property(o => o.Code).HasMaxLength(16);
        b.Property(o => o.ChargeId).HasMaxLength(128);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
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
