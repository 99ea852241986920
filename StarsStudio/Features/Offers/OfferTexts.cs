using System.Globalization;
using StarsStudio.Features.Languages;

namespace StarsStudio.Features.Offers;

/// <summary>
/// Every buyer-facing sentence of launch offers, from the bot's words (Features/Languages/Words) in the buyer's
/// language (English without one). Plain words: what happened, and what the buyer can do next.
/// </summary>
public static class OfferTexts
{
    private static string S(int stars) => stars.ToString("N0", CultureInfo.InvariantCulture);
    private static Words W(Words? w) => w ?? BotWords.English;

    // The card and the invoice.
    /// <summary>"⭐40 instead of ⭐60 — 37 of 100 left, until Fri 18:00".</summary>
    public static string EarlyBirdLine(int stars, int listStars, int? left, int? limit, string? until, Words? w = null)
    {
        var line = W(w).T("offer.early_line", ("stars", S(stars)), ("list", S(listStars)));
        var parts = new List<string>();
        if (left is { } l && limit is { } n) parts.Add(W(w).T("offer.early_left", ("left", S(l)), ("limit", S(n))));
        if (until is not null) parts.Add(W(w).T("offer.early_until", ("until", until)));
        return parts.Count == 0 ? line : $"{line} — {string.Join(", ", parts)}";
    }

    public static string CodeLine(int stars, int listStars, string code, Words? w = null) =>
        W(w).T("offer.code_line", ("code", code), ("stars", S(stars)), ("list", S(listStars)));

    public static string BuyButton(int stars, Words? w = null) => W(w).T("card.buy", ("stars", S(stars)));

    /// <summary>The invoice's one price line (the amount is Telegram's to show).</summary>
    public static string InvoiceLabel(string title, string? code, bool earlyBird, Words? w = null) =>
        code is not null ? W(w).T("offer.invoice_code", ("title", title), ("code", code))
        : earlyBird ? W(w).T("offer.invoice_early", ("title", title)) : title;

    // A code the buyer sent or opened.
    public static string CodeApplied(string code, Words? w = null) => W(w).T("offer.code_applied", ("code", code));
    public static string CodeNotApplied(CodeRule rule, string code, Words? w = null) => rule switch
    {
        CodeRule.Unknown => W(w).T("offer.code_unknown", ("code", code)),
        CodeRule.Withdrawn => W(w).T("offer.code_withdrawn", ("code", code)),
        CodeRule.NotYet => W(w).T("offer.code_not_yet", ("code", code)),
        CodeRule.Expired => W(w).T("offer.code_expired", ("code", code)),
        CodeRule.OtherAction => W(w).T("offer.code_other_action", ("code", code)),
        CodeRule.UsedUp => W(w).T("offer.code_used_up", ("code", code)),
        CodeRule.UsedUpByBuyer => W(w).T("offer.code_used_by_buyer", ("code", code)),
        CodeRule.FirstPurchaseOnly => W(w).T("offer.code_first_purchase", ("code", code)),
        _ => CodeApplied(code, w),
    };
    public static string CodeNotNeeded(string code, Words? w = null) => W(w).T("offer.code_not_needed", ("code", code));
    public static string CodeWithoutCard(string code, Words? w = null) => W(w).T("offer.code_without_card", ("code", code));
    /// <summary>Buy lost the race for the last use between the card and the tap.</summary>
    public static string CodeTakenAtBuy(string code, Words? w = null) => W(w).T("offer.code_taken_at_buy", ("code", code));

    // Pre-checkout refusals (Telegram shows them on the payment sheet); each is followed by a fresh-invoice offer.
    public static string RefusedCodeUsedUp(string code, Words? w = null) => W(w).T("offer.refused_code_used_up", ("code", code));
    public static string RefusedCodeExpired(string code, Words? w = null) => W(w).T("offer.refused_code_expired", ("code", code));
    public static string RefusedCodeWithdrawn(string code, Words? w = null) => W(w).T("offer.refused_code_withdrawn", ("code", code));
    public static string RefusedCodeFirstPurchase(string code, Words? w = null) => W(w).T("offer.refused_code_first_purchase", ("code", code));
    public static string RefusedEarlyBirdOver(Words? w = null) => W(w)["offer.refused_early_over"];
    public static string RefusedEarlyBirdTaken(Words? w = null) => W(w)["offer.refused_early_taken"];
    /// <summary>The chat message after such a refusal, above a Buy button at today's price.</summary>
    public static string FreshInvoiceOffer(Words? w = null) => W(w)["offer.fresh_invoice"];
}
