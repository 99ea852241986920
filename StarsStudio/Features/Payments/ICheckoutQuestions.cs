using StarsStudio.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Something to ask before the invoice (a report's or service's questions). Checkout knows only this; the feature
/// that asks starts the checkout itself after the last answer.
/// </summary>
public interface ICheckoutQuestions
{
    /// <summary>True when the action has questions and the first one was asked: no invoice yet.</summary>
    /// <param name="action">As Buy read it (once, for the questions and the checkout alike).</param>
    /// <param name="code">The promo code the Buy button carried: the checkout after the last answer uses it.</param>
    Task<bool> TryStartAsync(RunningBot bot, User buyer, Catalog.PaidAction action, CancellationToken ct, string? code = null);
}
