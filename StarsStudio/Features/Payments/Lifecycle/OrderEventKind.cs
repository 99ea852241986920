namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// What one line of an order's timeline says happened. Stored as a short kebab-case name (see
/// <see cref="OrderEventKinds"/>), so the names written before this enum existed still read back.
/// </summary>
public enum OrderEventKind
{
    /// <summary>A line whose stored name this version does not know (kept, shown as it is).</summary>
    Note,
    Created,
    Answers,
    InvoiceSent,
    InvoiceFailed,
    PreCheckoutApproved,
    PreCheckoutRefused,
    /// <summary>Approved at pre-checkout but not paid within the payment window: its hold on stock is released.</summary>
    HoldReleased,
    Expired,
    Paid,
    /// <summary>A payment for an order whose stock was already gone (it arrived after its hold was released).</summary>
    Oversold,
    /// <summary>A second (or mismatched) payment of this order: refunded automatically or left for support.</summary>
    ExtraPayment,
    ExtraPaymentRefunded,
    DeliveryAttempt,
    DeliveryRetry,
    DeliveryFailed,
    Delivered,
    RedeliveryRequested,
    Resolved,
    Refunded,
    RefundConfirmed,
    RefundReversal,
    RefundFailed,
    SupportRequest,
}
