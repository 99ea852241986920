using StarsStudio.Features.Languages;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// The receipt a buyer keeps: order code, price and where to ask. One wording for the worker's own receipt message
/// and for the receipt a deliverer puts under its content, so support and the rehearsal's checks read both alike.
/// In the language the buyer saw when the order was made.
/// </summary>
public static class Receipts
{
    /// <summary>Telegram's limit for one text message; content plus receipt must fit or go as two messages.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The stand-alone receipt, after content that could not carry it (reports, services).</summary>
    public static string Standalone(Order order, string delivered) =>
        BotWords.For(order.BuyerLanguage).T("receipt.standalone", ("code", order.Code), ("stars", order.Stars), ("delivered", delivered));

    /// <summary>
    /// The receipt under the content itself: the content is right above, so it does not repeat what was delivered.
    /// Plain characters only, so it is safe in Telegram HTML and in a caption.
    /// </summary>
    public static string Footer(Order order) =>
        BotWords.For(order.BuyerLanguage).T("receipt.footer", ("code", order.Code), ("stars", order.Stars));

    /// <summary>The content with its receipt under it, in one message.</summary>
    public static string WithFooter(string content, Order order) => $"{content}\n\n{Footer(order)}";
}
