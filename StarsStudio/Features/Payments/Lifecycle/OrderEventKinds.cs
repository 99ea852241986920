namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>The stored name, label and tone of every <see cref="OrderEventKind"/>.</summary>
public static class OrderEventKinds
{
    /// <summary>Stored names; the older free-text names map onto the kinds that replaced them.</summary>
    private static readonly Dictionary<OrderEventKind, string> Names = new()
    {
        [OrderEventKind.Note] = "note",
        [OrderEventKind.Created] = "created",
        [OrderEventKind.Answers] = "answers",
        [OrderEventKind.InvoiceSent] = "invoice",
        [OrderEventKind.InvoiceFailed] = "invoice-failed",
        [OrderEventKind.PreCheckoutApproved] = "pre-checkout-approved",
        [OrderEventKind.PreCheckoutRefused] = "pre-checkout-refused",
        [OrderEventKind.HoldReleased] = "hold-released",
        [OrderEventKind.Expired] = "expired",
        [OrderEventKind.Paid] = "paid",
        [OrderEventKind.Oversold] = "oversold",
        [OrderEventKind.ExtraPayment] = "payment-needs-support",
        [OrderEventKind.ExtraPaymentRefunded] = "refunded-extra-payment",
        [OrderEventKind.DeliveryAttempt] = "delivery-attempt",
        [OrderEventKind.DeliveryRetry] = "delivery-retry",
        [OrderEventKind.DeliveryFailed] = "delivery-failed",
        [OrderEventKind.Delivered] = "delivered",
        [OrderEventKind.RedeliveryRequested] = "redeliver",
        [OrderEventKind.Resolved] = "resolved",
        [OrderEventKind.Refunded] = "refunded",
        [OrderEventKind.RefundConfirmed] = "refund-confirmed",
        [OrderEventKind.RefundReversal] = "refund-reversal",
        [OrderEventKind.RefundFailed] = "refund-failed",
        [OrderEventKind.SupportRequest] = "support-request",
    };

    private static readonly Dictionary<string, OrderEventKind> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToStored(OrderEventKind kind) => Names[kind];

    /// <summary>A name this version does not know reads as a note (its detail still says what happened).</summary>
    public static OrderEventKind FromStored(string? name) =>
        name is not null && ByName.TryGetValue(name, out var kind) ? kind : OrderEventKind.Note;

    public static string Label(OrderEventKind kind) => kind switch
    {
        OrderEventKind.Created => "Order created",
        OrderEventKind.Answers => "Questions answered",
        OrderEventKind.InvoiceSent => "Invoice sent",
        OrderEventKind.InvoiceFailed => "Invoice failed",
        OrderEventKind.PreCheckoutApproved => "Checkout approved",
        OrderEventKind.PreCheckoutRefused => "Checkout refused",
        OrderEventKind.HoldReleased => "Hold released",
        OrderEventKind.Expired => "Expired",
        OrderEventKind.Paid => "Paid",
        OrderEventKind.Oversold => "Sold past stock",
        OrderEventKind.ExtraPayment => "Extra payment",
        OrderEventKind.ExtraPaymentRefunded => "Extra payment refunded",
        OrderEventKind.DeliveryAttempt => "Delivery attempt",
        OrderEventKind.DeliveryRetry => "Delivery will retry",
        OrderEventKind.DeliveryFailed => "Delivery failed",
        OrderEventKind.Delivered => "Delivered",
        OrderEventKind.RedeliveryRequested => "Redelivery requested",
        OrderEventKind.Resolved => "Marked resolved",
        OrderEventKind.Refunded => "Refunded",
        OrderEventKind.RefundConfirmed => "Telegram confirmed refund",
        OrderEventKind.RefundReversal => "Credits/uses taken back",
        OrderEventKind.RefundFailed => "Refund failed",
        OrderEventKind.SupportRequest => "Support request",
        _ => "Note",
    };

    public static EventTone Tone(OrderEventKind kind) => kind switch
    {
        OrderEventKind.Paid or OrderEventKind.Delivered or OrderEventKind.PreCheckoutApproved => EventTone.Good,
        OrderEventKind.DeliveryFailed or OrderEventKind.RefundFailed or OrderEventKind.ExtraPayment or OrderEventKind.Oversold
            or OrderEventKind.InvoiceFailed or OrderEventKind.PreCheckoutRefused => EventTone.Bad,
        OrderEventKind.Refunded or OrderEventKind.RefundConfirmed or OrderEventKind.RefundReversal or OrderEventKind.ExtraPaymentRefunded => EventTone.Money,
        OrderEventKind.RedeliveryRequested or OrderEventKind.Resolved => EventTone.Staff,
        _ => EventTone.Neutral,
    };
}
