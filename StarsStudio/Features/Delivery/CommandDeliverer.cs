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

    public Task GrantAsync(StarsDbContext db, Order order, ActionTerms terms, DateTimeOffset now, CancellationToken ct) =>
        terms.CommandName is { } name ? GrantInserts.CommandUsesAsync(db, order, name, terms.CommandUses ?? 1, now, ct) : Task.CompletedTask;

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var name = c.Terms.CommandName ?? throw new DeliveryProblemException("The action has no command.");
        var uses = c.Terms.CommandUses ?? 1;
        await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            Receipts.WithFooter(c.Words.Count("command.granted", uses, ("command", name)), c.Order), SendPriority.Delivery, ct: ct);
        return $"{uses} use{(uses == 1 ? "" : "s")} of /{name}";
    }
}
