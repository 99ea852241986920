namespace StarsStudio.Features.Offers;

/// <summary>
/// A code a buyer types (or opens in a link) to pay less for one action or for any. Its uses are never counted in a
/// column: they are the orders that carry it and still hold it (see <see cref="OfferLimits"/>), so an invoice that
/// expires, a payment window that passes or a refund gives the use back without anything to update.
/// </summary>
public sealed class PromoCode
{
    public int Id { get; set; }
    /// <summary>Upper case, 3–32 of A-Z 0-9 _ - (what a Telegram start parameter allows); unique.</summary>
    public required string Code { get; set; }
    /// <summary>The one action it applies to; null = every action.</summary>
    public int? ActionId { get; set; }
    public DiscountKind Kind { get; set; }
    /// <summary>Percent (1–99) or Stars off (≥ 1), by <see cref="Kind"/>.</summary>
    public int Amount { get; set; }
    /// <summary>Validity window (UTC); null = open on that side.</summary>
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>Uses in total (per bot, like stock); null = unlimited.</summary>
    public int? TotalUses { get; set; }
    /// <summary>Uses per buyer; null = unlimited.</summary>
    public int? PerBuyerUses { get; set; } = 1;
    /// <summary>Only for a buyer who has never paid this bot for anything.</summary>
    public bool FirstPurchaseOnly { get; set; }
    /// <summary>Set when the creator withdraws it: open invoices with it are refused at pre-checkout.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>Bulk-generated single-use codes share a batch name, so they can be listed and exported together.</summary>
    public string? Batch { get; set; }
    /// <summary>For the creator only.</summary>
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public bool IsValidAt(DateTimeOffset now) => (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);

    public bool AppliesTo(int actionId) => ActionId is null || ActionId == actionId;
}
