using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

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
    /// <summary>The list price when the order was sold below it (early bird or a code); null = sold at list price.</summary>
    public int? ListStars { get; set; }
    /// <summary>The promo code this order uses; while the order holds it, it counts as one of the code's uses.</summary>
    public int? PromoCodeId { get; set; }
    /// <summary>Sold at the action's early-bird price: counts against its first-N and is checked against its window.</summary>
    public bool EarlyBird { get; set; }
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
    /// <summary>The shipped language (Features/Languages) the buyer saw the card and invoice in; null before issue #16.</summary>
    public string? BuyerLanguage { get; set; }
    /// <summary>Why pre-checkout said no, or why delivery failed, in words support can act on.</summary>
    public string? Problem { get; set; }
    /// <summary>Set by support when a DeliveryFailed order was handled by hand.</summary>
    public bool Resolved { get; set; }
    /// <summary>Changes on every transition, so a stale tracked copy can never overwrite a newer state.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>
    /// The lines of every transition so far, one JSON object per line, appended by the statement that made the change
    /// (see <see cref="OrderTimeline"/>). Read it through <see cref="Timeline"/>.
    /// </summary>
    public string TransitionLog { get; set; } = "";

    public PaidAction? Action { get; set; }
    /// <summary>The timeline lines that are not state changes; <see cref="Timeline"/> merges them with the log.</summary>
    public List<OrderEvent> Events { get; set; } = [];

    /// <summary>The whole timeline, oldest first (load <see cref="Events"/> first for the lines kept as rows).</summary>
    public IReadOnlyList<OrderEvent> Timeline() => OrderTimeline.Merge(Id, TransitionLog, Events);

    /// <summary>A shallow copy: another step can hold it without seeing this one's later changes, or making its own.</summary>
    public Order Snapshot() => (Order)MemberwiseClone();

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
