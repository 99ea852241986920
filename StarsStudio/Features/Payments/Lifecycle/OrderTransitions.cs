using static StarsStudio.Features.Payments.OrderStatus;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// Every way an order's status may change (DESIGN.md "Orders: one state machine, one home"). The lifecycle applies
/// only these; anything else is refused and logged.
/// </summary>
public static class OrderTransitions
{
    public static readonly OrderTransition SendInvoice = new("send invoice", [Created], InvoiceSent, OrderEventKind.InvoiceSent);
    public static readonly OrderTransition FailInvoice = new("invoice failed", [Created], Cancelled, OrderEventKind.InvoiceFailed);
    /// <summary>From Approved too: a buyer whose first payment attempt failed taps Pay again, and the hold is renewed.</summary>
    public static readonly OrderTransition Approve = new("approve at pre-checkout", [Created, InvoiceSent, Approved], Approved, OrderEventKind.PreCheckoutApproved);
    public static readonly OrderTransition Reject = new("reject at pre-checkout", [Created, InvoiceSent, Approved], Rejected, OrderEventKind.PreCheckoutRefused);
    public static readonly OrderTransition Expire = new("expire", [Created, InvoiceSent, Approved], Expired, OrderEventKind.Expired);
    /// <summary>Approved but not paid within the payment window: the order goes back to waiting, its hold released.</summary>
    public static readonly OrderTransition ReleaseHold = new("release the hold", [Approved], InvoiceSent, OrderEventKind.HoldReleased);
    /// <summary>A payment is never dropped: one that arrives after the invoice expired or was refused still counts.</summary>
    public static readonly OrderTransition Pay = new("record payment", [Created, InvoiceSent, Approved, Expired, Rejected, Cancelled], Paid, OrderEventKind.Paid);
    /// <summary>From Delivering too: a job whose worker died is taken up again after its lease.</summary>
    public static readonly OrderTransition StartDelivery = new("start delivery", [Paid, Delivering, Delivered, DeliveryFailed], Delivering, OrderEventKind.DeliveryAttempt);
    public static readonly OrderTransition FinishDelivery = new("finish delivery", [Delivering], Delivered, OrderEventKind.Delivered);
    public static readonly OrderTransition RetryDelivery = new("retry delivery later", [Delivering], Paid, OrderEventKind.DeliveryRetry);
    public static readonly OrderTransition FailDelivery = new("fail delivery", [Delivering], DeliveryFailed, OrderEventKind.DeliveryFailed);
    public static readonly OrderTransition Refund = new("refund", [.. Order.PaidStates], Refunded, OrderEventKind.Refunded);
    /// <summary>Telegram says the charge was refunded (refunded_payment, reconciliation).</summary>
    public static readonly OrderTransition ConfirmRefund = new("record Telegram's refund", [.. Order.PaidStates], Refunded, OrderEventKind.RefundConfirmed);
    /// <summary>Support handled a failed delivery or an extra payment by hand; the status stays.</summary>
    public static readonly OrderTransition Resolve = new("mark resolved", [.. Order.PaidStates, Refunded], null, OrderEventKind.Resolved);
    public static readonly OrderTransition RequestRedelivery = new("request redelivery", [Delivered, DeliveryFailed], null, OrderEventKind.RedeliveryRequested);

    public static readonly IReadOnlyList<OrderTransition> All =
        [SendInvoice, FailInvoice, Approve, Reject, Expire, ReleaseHold, Pay, StartDelivery, FinishDelivery, RetryDelivery, FailDelivery, Refund, ConfirmRefund, Resolve, RequestRedelivery];
}
