namespace StarsStudio.Features.Catalog.Copy;

/// <summary>
/// The buyer-facing copy of one paid action, plus the facts the coach may quote back in suggestions.
/// <paramref name="OpensWithInvoice"/>: its deep link answers with the invoice, so no card (and no promise) comes first.
/// <paramref name="Offer"/>: its launch offers (early bird, codes), so the coach can tell a promised discount from a real one.
/// </summary>
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
    CopyOffer? Offer = null);
