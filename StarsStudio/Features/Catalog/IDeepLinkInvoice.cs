using StarsStudio.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// Lets a deep link answer with the invoice itself. Catalog stays a leaf: it decides when (the action's setting, no
/// questions), Payments owns the order and the invoice.
/// </summary>
public interface IDeepLinkInvoice
{
    /// <summary>
    /// Sends the buyer a fresh invoice for the action, touching the buyer as /start does; false when it could not
    /// (then the buyer was told why).
    /// </summary>
    Task<bool> SendInvoiceAsync(RunningBot bot, User buyer, PaidAction action, CancellationToken ct);
}
