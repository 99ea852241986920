namespace StarsStudio.Features.Catalog.Copy;

/// <summary>
/// The buyer-facing copy of one paid action, plus the facts the coach may quote back in suggestions.
/// <paramref name="OpensWithInvoice"/>: its deep link answers with the invoice, so no card (and no promise) comes first.
/// <paramref name="Offer"/>: its launch offers (early bird, codes), so the coach can tell a promised discount from a real one.
/// </summary>
/// <remarks><see cref="Language"/> is the language the fields above are written in (the creator's default);
/// <see cref="Translations"/> are checked too, each finding naming its language.</remarks>
public sealed record CopyInput(
    ActionKind Kind,
    string Title,
    string Description,
    string Promise,
    int PriceStars,
    int? CreditAmount = null,
    int? CreditExpiryDays = null,
    string? CommandName = null,
    int? CommandUses = null,
    bool OpensWithInvoice = false,
    CopyOffer? Offer = null)
{
    public string Language { get; init; } = Languages.BuyerLanguages.English;
    public IReadOnlyList<CopyTranslation> Translations { get; init; } = [];
}
