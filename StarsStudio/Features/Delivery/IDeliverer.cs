using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Delivery;

/// <summary>Delivers one kind. Grants (credits, command uses) must be idempotent per order; messages may repeat on retry.</summary>
public interface IDeliverer
{
    ActionKind Kind { get; }
    /// <summary>True when the action, as the editor holds it, has everything this kind needs to be delivered.</summary>
    bool IsReady(PaidActionForm form);
    /// <summary>Delivers and returns what the buyer got, in their words, for the receipt and the timeline.</summary>
    Task<string> DeliverAsync(DeliveryContext context, CancellationToken ct);
    /// <summary>
    /// True when the content goes out with its receipt (one message instead of two: at Telegram's cap messages per
    /// purchase are what limits a launch), so the worker sends no receipt of its own.
    /// </summary>
    bool SendsReceipt => false;
    /// <summary>
    /// Adds what the order grants (credits, command uses) to the transaction that starts the attempt, in which the
    /// order has just become Delivering: a refund cannot come between, and the grant costs no transaction of its
    /// own. Runs on every attempt, so it must add nothing when the order already has its grant.
    /// </summary>
    Task GrantAsync(StarsDbContext db, Order order, ActionTerms terms, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;
}
