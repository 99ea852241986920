using StarsStudio.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// Lets launch offers (early-bird prices, promo codes) change an action's card without Catalog knowing them: the
/// card asks for this buyer's offer and shows its price line and Buy button instead of the list price.
/// </summary>
public interface ICardOffers
{
    /// <summary>The offer on this action's card for this buyer now; null = the list price.</summary>
    /// <param name="w">The buyer's words: the offer's lines are in their language.</param>
    Task<CardOffer?> ForCardAsync(RunningBot bot, long buyerId, PaidAction action, CancellationToken ct, Languages.Words? w = null);

    /// <summary>
    /// A /start parameter that carries a code ("slug--CODE", or "slug CODE"): opens the action with it applied, or
    /// says why the code does not apply and opens it at its normal price. False: the parameter carries no code.
    /// </summary>
    Task<bool> TryOpenWithCodeAsync(RunningBot bot, User buyer, long chatId, string parameter, CancellationToken ct);

    /// <summary>What the copy coach needs to know of the action's offers (any discount, the early price).</summary>
    Task<Copy.CopyOffer> ForCopyAsync(int actionId, CancellationToken ct);
}

/// <summary>The card's price line and Buy button under an offer (the button's data carries the code, if any).</summary>
public sealed record CardOffer(string PriceLine, string BuyLabel, string BuyData);
