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
