namespace StarsStudio.Features.Offers;

/// <summary>
/// The price one buyer gets for one action right now: the list price, the early-bird price, or a code's price,
/// whichever is lowest (one discount per order: a code and the early bird never stack).
/// </summary>
/// <param name="CodeText">The code the buyer brought (normalized), whether or not it applies.</param>
/// <param name="CodeRule">Why that code applies or not (Applies when no code was brought).</param>
/// <param name="Code">The code this price uses (null: none).</param>
/// <param name="EarlyLeft">Early-bird units still free, when the early bird has a first-N limit and is on.</param>
public sealed record OfferQuote(int Stars, int ListStars, bool EarlyBird, PromoCode? Code, string? CodeText, CodeRule CodeRule, EarlyBird? Early, int? EarlyLeft)
{
    public bool Discounted => Stars < ListStars;

    /// <summary>The buyer brought a code that was not used (unknown, expired, used up, or the early bird was lower).</summary>
    public bool CodeNotUsed => CodeText is not null && Code is null;

    public static OfferQuote ListPrice(int stars) => new(stars, stars, false, null, null, CodeRule.Applies, null, null);
}
