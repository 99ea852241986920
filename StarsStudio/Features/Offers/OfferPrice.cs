namespace StarsStudio.Features.Offers;

/// <summary>The discount arithmetic, pure: whole Stars, rounded in the buyer's favour, never below 1 Star.</summary>
public static class OfferPrice
{
    public const int Floor = 1;

    /// <summary>What a buyer is asked now with an early-bird price running: the early price if it is lower, else the list price.</summary>
    public static int EarlyOrList(int listStars, int? earlyStars) => earlyStars is { } early && early < listStars ? early : listStars;

    public static int WithCode(int listStars, DiscountKind kind, int amount)
    {
        var off = kind switch
        {
            // Round the discount up (the buyer's favour) without floating point: ceil(list × pct / 100).
            DiscountKind.Percent => (int)(((long)listStars * Math.Clamp(amount, 0, 100) + 99) / 100),
            _ => Math.Max(0, amount),
        };
        return Math.Max(Floor, listStars - off);
    }

    public static int WithCode(int listStars, PromoCode code) => WithCode(listStars, code.Kind, code.Amount);

    /// <summary>"20 % off" / "⭐10 off", for the creator's list and the buyer's card.</summary>
    public static string Describe(DiscountKind kind, int amount) => kind == DiscountKind.Percent ? $"{amount} % off" : $"⭐{amount} off";
}
