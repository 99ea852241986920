namespace StarsStudio.Features.Offers;

/// <summary>One code in the creator's list: its rules, status and what it brought in (for one data view).</summary>
/// <param name="Paid">Uses spent: paid orders that carry the code (refunds give the use back, so they are not counted).</param>
/// <param name="Held">Uses held by open invoices right now.</param>
/// <param name="StarsEarned">Stars paid for those orders.</param>
public sealed record PromoCodeRow(PromoCode Code, string? ActionName, string? ActionSlug, string Status, int Paid, int Held, long StarsEarned)
{
    public string Uses => Code.TotalUses is { } total ? $"{Paid + Held} of {total}" : $"{Paid + Held}";
}
