using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The pre-checkout rules of DESIGN.md, as one pure function so each rule is tested alone. Every refusal
/// says, in plain words and the buyer's language, what happened and what to do (usually: tap Buy again for a fresh invoice).
/// </summary>
public static class PreCheckoutGuardrail
{
    public static GuardrailDecision Evaluate(GuardrailInput i)
    {
        var w = Languages.BotWords.For(i.Language);
        if (!i.PayloadReadable || i.Order is null)
            return GuardrailDecision.Refuse("unknown-invoice", w["refuse.unknown_invoice"]);
        if (!i.SignatureValid)
            return GuardrailDecision.Refuse("bad-signature", w["refuse.bad_signature"]);
        var order = i.Order;
        if (i.FromUserId != order.BuyerId)
            return GuardrailDecision.Refuse("wrong-buyer", w["refuse.wrong_buyer"]);
        if (Order.PaidStates.Contains(order.Status) || order.Status == OrderStatus.Refunded)
            return GuardrailDecision.Refuse("already-paid", w["refuse.already_paid"]);
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired || i.Now >= order.ExpiresAt)
            return GuardrailDecision.Refuse("expired", w["refuse.expired"]);
        if (i.Action is null || i.Action.Status is ActionStatus.Archived)
            return GuardrailDecision.Refuse("action-gone", w["refuse.action_gone"]);
        if (!i.Action.IsOnSale(i.Now))
            return GuardrailDecision.Refuse("not-on-sale", w["item.not_on_sale"]);
        if (i.Action.Version != order.ActionVersion)
            return GuardrailDecision.Refuse("new-version", w["refuse.new_version"]);
        if (i.Currency != "XTR" || i.TotalAmount != order.Stars)
            return GuardrailDecision.Refuse("wrong-amount", w["refuse.wrong_amount"]);
        // A code used up, expired or withdrawn, or an early bird closed or taken, after the invoice was sent.
        if (Offers.OfferRules.AtPreCheckout(order, i.Offer, i.Now) is { } offerRefusal)
            return offerRefusal;
        if (i.Action.StockLimit is { } stock && i.HeldForAction >= stock)
            return GuardrailDecision.Refuse("sold-out", w["refuse.sold_out"]);
        if (i.Action.PerBuyerLimit is { } perBuyer && i.HeldByBuyer >= perBuyer)
            return GuardrailDecision.Refuse("buyer-limit", w.Count("refuse.buyer_limit", perBuyer));
        return GuardrailDecision.Approved;
    }
}
