using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>The order table's name and the columns <see cref="TransitionStatement"/> writes, read from one EF model once.</summary>
internal sealed class OrderTable
{
    public OrderTable(IModel model)
    {
        var order = model.FindEntityType(typeof(Order)) ?? throw new InvalidOperationException("The model has no orders.");
        OrderColumn C(string name) => new(order.FindProperty(name) ?? throw new InvalidOperationException($"Orders have no {name}."));
        Name = "\"" + order.GetTableName() + "\"";
        (Id, Status, Stamp, Log) = (C(nameof(Order.Id)), C(nameof(Order.Status)), C(nameof(Order.ConcurrencyStamp)), C(nameof(Order.TransitionLog)));
        (InvoiceMessageId, ApprovedAt, PaidAt, ChargeId) = (C(nameof(Order.InvoiceMessageId)), C(nameof(Order.ApprovedAt)), C(nameof(Order.PaidAt)), C(nameof(Order.ChargeId)));
        (DeliveredAt, RefundedAt, Problem, Resolved) = (C(nameof(Order.DeliveredAt)), C(nameof(Order.RefundedAt)), C(nameof(Order.Problem)), C(nameof(Order.Resolved)));
    }

    public string Name { get; }
    public OrderColumn Id { get; }
    public OrderColumn Status { get; }
    public OrderColumn Stamp { get; }
    public OrderColumn Log { get; }
    public OrderColumn InvoiceMessageId { get; }
    public OrderColumn ApprovedAt { get; }
    public OrderColumn PaidAt { get; }
    public OrderColumn ChargeId { get; }
    public OrderColumn DeliveredAt { get; }
    public OrderColumn RefundedAt { get; }
    public OrderColumn Problem { get; }
    public OrderColumn Resolved { get; }
}
