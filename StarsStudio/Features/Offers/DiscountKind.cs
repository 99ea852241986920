namespace StarsStudio.Features.Offers;

/// <summary>How a promo code lowers the price.</summary>
public enum DiscountKind
{
    /// <summary>A share of the list price off, 1–99 %.</summary>
    Percent,
    /// <summary>A number of Stars off.</summary>
    FixedStars,
}
