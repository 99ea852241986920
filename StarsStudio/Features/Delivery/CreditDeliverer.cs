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

/// <summary>Credit packs: one ledger grant per order (unique), only while the order is being delivered, then the new balance.</summary>
public sealed class CreditDeliverer(CreditLedger ledger, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.CreditPack;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) => form.CreditAmount > 0;

    public Task GrantAsync(StarsDbContext db, Order order, ActionTerms terms, DateTimeOffset now, CancellationToken ct) =>
        terms.CreditAmount is { } amount ? CreditLedger.AddGrantAsync(db, order, amount, terms.CreditExpiryDays, now, ct) : Task.CompletedTask;

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var amount = c.Terms.CreditAmount ?? throw new DeliveryProblemException("The action has no credit amount.");
        var balance = await ledger.BalanceAsync(c.Bot.BotId, c.Order.BuyerId, ct);
        var w = c.Words;
        var expiry = c.Terms.CreditExpiryDays is { } days ? " " + w.T("credits.valid", ("days", days)) : "";
        await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            Receipts.WithFooter(w.T("credits.added", ("amount", amount), ("expiry", expiry), ("balance", balance)), c.Order), SendPriority.Delivery, ct: ct);
        return $"{amount} credits (balance {balance})";
    }
}
