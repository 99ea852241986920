using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The pre-checkout rules of DESIGN.md, as one pure function so each rule is tested alone. Every refusal
/// says, in plain words, what happened and what to do (usually: tap Buy again for a fresh invoice).
/// </summary>
public static class PreCheckoutGuardrail
{
    public const string FreshInvoice = "Tap Buy again for a fresh invoice.";

    public static GuardrailDecision Evaluate(GuardrailInput i)
    {
        if (!i.PayloadReadable || i.Order is null)
            return GuardrailDecision.Refuse("unknown-invoice", $"We could not find the order for this invoice. {FreshInvoice}");
        if (!i.SignatureValid)
            return GuardrailDecision.Refuse("bad-signature", $"This invoice is not valid. {FreshInvoice}");
        var order = i.Order;
        if (i.FromUserId != order.BuyerId)
            return GuardrailDecision.Refuse("wrong-buyer", "This invoice was made for another Telegram account. Open the item in the bot yourself and tap Buy.");
        if (Order.PaidStates.Contains(order.Status) || order.Status == OrderStatus.Refunded)
            return GuardrailDecision.Refuse("already-paid", "This invoice is already paid. Send /purchases to see what you own, or tap Buy again to buy once more.");
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired || i.Now >= order.ExpiresAt)
            return GuardrailDecision.Refuse("expired", $"This invoice has expired. {FreshInvoice}");
        if (i.Action is null || i.Action.Status is ActionStatus.Archived)
            return GuardrailDecision.Refuse("action-gone", "Sorry, this item is no longer sold. Send /start to see what is available.");
        if (!i.Action.IsOnSale(i.Now))
            return GuardrailDecision.Refuse("not-on-sale", "Sorry, this item is not on sale right now. Send /start to see what is available.");
        if (i.Action.Version != order.ActionVersion)
            return GuardrailDecision.Refuse("new-version", $"This offer changed after your invoice was sent. {FreshInvoice}");
        if (i.Currency != "XTR" || i.TotalAmount != order.Stars)
            return GuardrailDecision.Refuse("wrong-amount", $"The amount on this invoice does not match the price. {FreshInvoice}");
        // A code used up, expired or withdrawn, or an early bird closed or taken, after the invoice was sent.
        if (Offers.OfferRules.AtPreCheckout(order, i.Offer, i.Now) is { } offerRefusal)
            return offerRefusal;
        if (i.Action.StockLimit is { } stock && i.HeldForAction >= stock)
            return GuardrailDecision.Refuse("sold-out", "Sorry, this item just sold out. Nothing was charged.");
        if (i.Action.PerBuyerLimit is { } perBuyer && i.HeldByBuyer >= perBuyer)
            return GuardrailDecision.Refuse("buyer-limit", $"You already bought this {(perBuyer == 1 ? "once" : $"{perBuyer} times")}, the most one person can. Send /purchases to see it.");
        return GuardrailDecision.Approved;
    }
}
