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

/// <summary>Paid commands: an entitlement with N uses, granted once per order.</summary>
public sealed class CommandDeliverer(BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.PaidCommand;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) =>
        !string.IsNullOrWhiteSpace(form.CommandName) && (form.CommandMode != Reports.CommandMode.Reply || !string.IsNullOrWhiteSpace(form.CommandReply));

    public async Task GrantAsync(StarsDbContext db, Order order, ActionTerms terms, DateTimeOffset now, CancellationToken ct)
    {
        if (terms.CommandName is not { } name || await db.CommandEntitlements.AnyAsync(e => e.OrderId == order.Id, ct)) return;
        var uses = terms.CommandUses ?? 1;
        db.CommandEntitlements.Add(new CommandEntitlement
        {
            BotId = order.BotId, BuyerId = order.BuyerId, OrderId = order.Id, ActionId = order.ActionId, ActionVersion = order.ActionVersion,
            CommandName = name, UsesTotal = uses, UsesLeft = uses, GrantedAt = now,
        });
    }

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var name = c.Terms.CommandName ?? throw new DeliveryProblemException("The action has no command.");
        var uses = c.Terms.CommandUses ?? 1;
        await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            Receipts.WithFooter(c.Words.Count("command.granted", uses, ("command", name)), c.Order), SendPriority.Delivery, ct: ct);
        return $"{uses} use{(uses == 1 ? "" : "s")} of /{name}";
    }
}
