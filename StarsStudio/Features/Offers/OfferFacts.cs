namespace StarsStudio.Features.Offers;

/// <summary>What pre-checkout knows about an order's code and early-bird offer, read just before deciding.</summary>
public sealed record OfferFacts(PromoCode? Code, int CodeHeldByOthers, int CodeHeldByBuyer, bool BuyerPaidBefore, EarlyBird? EarlyBird, int EarlyBirdHeldByOthers)
{
    public static readonly OfferFacts None = new(null, 0, 0, false, null, 0);
}
