namespace StarsStudio.Features.Offers;

/// <summary>
/// A lower price for one action's first buyers and/or until a time. A setting beside the action, not one of its
/// terms: changing it saves no new version, and an invoice sent at the early price is checked against it again at
/// pre-checkout (window closed, or the first N already taken → refused with a fresh-invoice offer).
/// </summary>
public sealed class EarlyBird
{
    /// <summary>The action (one early-bird offer per action).</summary>
    public int ActionId { get; set; }
    public int Stars { get; set; }
    /// <summary>How many units sell at the early price (per bot, like stock); null = no count limit.</summary>
    public int? Limit { get; set; }
    /// <summary>The early price ends at this moment (UTC); null = no time limit.</summary>
    public DateTimeOffset? Until { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => Until is null || now < Until;
}
