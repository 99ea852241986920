namespace StarsStudio.Features.Offers;

/// <summary>
/// What one code (or one bulk batch, counted as one) brought in: paid orders that carry it, the Stars paid, and the
/// Stars those orders would have cost at list price, so the discount given shows beside the takings.
/// </summary>
public sealed record CodeTotal(string Label, int? CodeId, string? Batch, int Orders, long Stars, long ListStars)
{
    public long Discount => ListStars - Stars;
}
