using System.Globalization;

namespace StarsStudio.Features.Offers;

/// <summary>
/// Every buyer-facing sentence of launch offers, in one place so they can move into language resources as they
/// are (issue #16). Plain words: what happened, and what the buyer can do next.
/// </summary>
public static class OfferTexts
{
    private static string S(int stars) => stars.ToString("N0", CultureInfo.InvariantCulture);

    // The card and the invoice.
    /// <summary>"⭐40 instead of ⭐60 — 37 of 100 left, until Fri 18:00".</summary>
    public static string EarlyBirdLine(int stars, int listStars, int? left, int? limit, string? until)
    {
        var line = $"Early-bird price: ⭐{S(stars)} instead of ⭐{S(listStars)}";
        var parts = new List<string>();
        if (left is { } l && limit is { } n) parts.Add($"{S(l)} of {S(n)} left");
        if (until is not null) parts.Add($"until {until}");
        return parts.Count == 0 ? line : $"{line} — {string.Join(", ", parts)}";
    }

    public static string CodeLine(int stars, int listStars, string code) => $"Price with code {code}: ⭐{S(stars)} instead of ⭐{S(listStars)}";

    public static string BuyButton(int stars) => $"Buy for ⭐ {S(stars)}";

    /// <summary>The invoice's one price line (the amount is Telegram's to show).</summary>
    public static string InvoiceLabel(string title, string? code, bool earlyBird) =>
        code is not null ? $"{title} (code {code})" : earlyBird ? $"{title} (early-bird price)" : title;

    // A code the buyer sent or opened.
    public static string CodeApplied(string code) => $"Code {code} applied.";
    public static string CodeNotApplied(CodeRule rule, string code) => rule switch
    {
        CodeRule.Unknown => $"We don't know the code {code}. Here is the item at its normal price.",
        CodeRule.Withdrawn => $"The code {code} is no longer offered. Here is the item at its normal price.",
        CodeRule.NotYet => $"The code {code} is not valid yet. Here is the item at its normal price.",
        CodeRule.Expired => $"The code {code} has expired. Here is the item at its normal price.",
        CodeRule.OtherAction => $"The code {code} is for something else. Here is this item at its normal price.",
        CodeRule.UsedUp => $"The code {code} has been used up. Here is the item at its normal price.",
        CodeRule.UsedUpByBuyer => $"You have already used the code {code}. Here is the item at its normal price.",
        CodeRule.FirstPurchaseOnly => $"The code {code} is for a first purchase only. Here is the item at its normal price.",
        _ => $"Code {code} applied.",
    };
    public static string CodeNotNeeded(string code) => $"The early-bird price is already lower than code {code}, so you get that.";
    public static string CodeWithoutCard(string code) => $"The code {code} works for any item: open one with /start, then send the code again.";
    /// <summary>Buy lost the race for the last use between the card and the tap.</summary>
    public static string CodeTakenAtBuy(string code) => $"The code {code} was just used up by someone else. Here is the item at its normal price.";

    // Pre-checkout refusals (Telegram shows them on the payment sheet); each is followed by a fresh-invoice offer.
    private const string NothingCharged = "Nothing was charged.";
    public static string RefusedCodeUsedUp(string code) => $"The code {code} was used up after this invoice was sent. {NothingCharged} Tap Buy for a fresh invoice.";
    public static string RefusedCodeExpired(string code) => $"The code {code} expired after this invoice was sent. {NothingCharged} Tap Buy for a fresh invoice.";
    public static string RefusedCodeWithdrawn(string code) => $"The code {code} was withdrawn after this invoice was sent. {NothingCharged} Tap Buy for a fresh invoice.";
    public static string RefusedCodeFirstPurchase(string code) => $"The code {code} is for a first purchase only. {NothingCharged} Tap Buy for a fresh invoice.";
    public const string RefusedEarlyBirdOver = "The early-bird price ended after this invoice was sent. " + NothingCharged + " Tap Buy for a fresh invoice.";
    public const string RefusedEarlyBirdTaken = "The early-bird units were all taken while this invoice was open. " + NothingCharged + " Tap Buy for a fresh invoice.";
    /// <summary>The chat message after such a refusal, above a Buy button at today's price.</summary>
    public const string FreshInvoiceOffer = "That invoice could not be paid, and nothing was charged. Tap below for a fresh one at today's price.";
}
