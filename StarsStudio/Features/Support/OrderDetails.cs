using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Support;

/// <summary>Everything the order page shows about one order.</summary>
/// <param name="DeliveryWaiting">Why a queued delivery is not going out now (its bot is not the one running), or null.</param>
public sealed record OrderDetails(Order Order, Buyer? Buyer, string ActionName, string ActionTitle, IReadOnlyList<OrderEvent> Events,
    IReadOnlyList<Payment> Payments, IReadOnlyList<DeliveryJob> Jobs, IReadOnlyList<SupportRequest> Requests, string? DeliveryWaiting = null);
