namespace StarsStudio.Features.Offers;

/// <summary>What the code editor edits; times are the creator's local clock (converted with their time zone).</summary>
public sealed class PromoCodeForm
{
    public int? Id { get; set; }
    public string Code { get; set; } = "";
    public int? ActionId { get; set; }
    public DiscountKind Kind { get; set; } = DiscountKind.Percent;
    public int Amount { get; set; } = 20;
    public DateTime? StartsLocal { get; set; }
    public DateTime? EndsLocal { get; set; }
    public int? TotalUses { get; set; }
    public int? PerBuyerUses { get; set; } = 1;
    public bool FirstPurchaseOnly { get; set; }
    public string? Note { get; set; }
}
