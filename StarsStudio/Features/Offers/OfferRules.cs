using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Offers;

/// <summary>
/// The code and early-bird rules as pure functions, used on the card, at Buy and at pre-checkout, so every step
/// decides the same way (the database then re-checks the counts in the conditional update that holds the use).
/// </summary>
public static class OfferRules
{
    /// <param name="heldByOthers">Uses held by other orders (paid, or open and not expired).</param>
    /// <param name="heldByBuyer">Of those, the ones this buyer holds.</param>
    /// <param name="buyerPaidBefore">The buyer has a paid order of this bot (other than this one).</param>
    public static CodeRule Check(PromoCode? code, int actionId, DateTimeOffset now, int heldByOthers, int heldByBuyer, bool buyerPaidBefore)
    {
        if (code is null) return CodeRule.Unknown;
        if (code.IsWithdrawn) return CodeRule.Withdrawn;
        if (code.StartsAt is { } from && now < from) return CodeRule.NotYet;
        if (code.EndsAt is { } until && now >= until) return CodeRule.Expired;
        if (!code.AppliesTo(actionId)) return CodeRule.OtherAction;
        if (code.TotalUses is { } total && heldByOthers >= total) return CodeRule.UsedUp;
        if (code.PerBuyerUses is { } perBuyer && heldByBuyer >= perBuyer) return CodeRule.UsedUpByBuyer;
        if (code.FirstPurchaseOnly && buyerPaidBefore) return CodeRule.FirstPurchaseOnly;
        return CodeRule.Applies;
    }

    /// <summary>Is the early price still on (window open, first N not all taken by others)?</summary>
    public static bool EarlyBirdOpen(EarlyBird? early, DateTimeOffset now, int heldByOthers) =>
        early is not null && early.IsOpenAt(now) && (early.Limit is not { } limit || heldByOthers < limit);

    /// <summary>
    /// Pre-checkout's offer rules for an order sold below list price: null when they allow it, else the refusal
    /// (rules "code-…" and "early-bird-…"), each with a fresh-invoice offer.
    /// </summary>
    public static GuardrailDecision? AtPreCheckout(Order order, OfferFacts? facts, DateTimeOffset now)
    {
        // Refusals are in the language the buyer saw when the order was made.
        var w = Languages.BotWords.For(order.BuyerLanguage);
        if (order.PromoCodeId is null && !order.EarlyBird) return null;
        facts ??= OfferFacts.None;
        if (order.PromoCodeId is not null)
        {
            var rule = Check(facts.Code, order.ActionId, now, facts.CodeHeldByOthers, facts.CodeHeldByBuyer, facts.BuyerPaidBefore);
            var code = facts.Code?.Code ?? "";
            switch (rule)
            {
                case CodeRule.Applies: break;
                case CodeRule.UsedUp or CodeRule.UsedUpByBuyer:
                    return GuardrailDecision.Refuse("code-used-up", OfferTexts.RefusedCodeUsedUp(code, w));
                case CodeRule.FirstPurchaseOnly:
                    return GuardrailDecision.Refuse("code-first-purchase", OfferTexts.RefusedCodeFirstPurchase(code, w));
                case CodeRule.Expired or CodeRule.NotYet:
                    return GuardrailDecision.Refuse("code-expired", OfferTexts.RefusedCodeExpired(code, w));
                default:
                    return GuardrailDecision.Refuse("code-withdrawn", OfferTexts.RefusedCodeWithdrawn(code, w));
            }
        }
        if (order.EarlyBird)
        {
            if (facts.EarlyBird is null || !facts.EarlyBird.IsOpenAt(now))
                return GuardrailDecision.Refuse("early-bird-over", OfferTexts.RefusedEarlyBirdOver(w));
            if (facts.EarlyBird.Limit is { } limit && facts.EarlyBirdHeldByOthers >= limit)
                return GuardrailDecision.Refuse("early-bird-sold", OfferTexts.RefusedEarlyBirdTaken(w));
        }
        return null;
    }

    /// <summary>Refusal rules of this feature: they end the invoice, and the buyer is offered a fresh one.</summary>
    public static bool IsOfferRule(string rule) => rule.StartsWith("code-", StringComparison.Ordinal) || rule.StartsWith("early-bird-", StringComparison.Ordinal);
}
