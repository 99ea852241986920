using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Payments;

/// <summary>What the guardrail knows about one pre_checkout_query.</summary>
public sealed record GuardrailInput(
    long FromUserId,
    string Currency,
    long TotalAmount,
    bool PayloadReadable,
    bool SignatureValid,
    Order? Order,
    PaidAction? Action,
    /// <summary>Orders of this action holding stock (approved or sold), not counting this one.</summary>
    int HeldForAction,
    /// <summary>Orders of this action this buyer holds, not counting this one.</summary>
    int HeldByBuyer,
    DateTimeOffset Now,
    /// <summary>The order's code and early-bird offer as read now (null: the order has none).</summary>
    Offers.OfferFacts? Offer = null,
    /// <summary>The language of the refusal: the order's, else the paying user's (null: English).</summary>
    string? Language = null);
