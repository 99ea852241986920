using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// The receipt a buyer keeps: order code, price and where to ask. One wording for the worker's own receipt message
/// and for the receipt a deliverer puts under its content, so support and the rehearsal's checks read both alike.
/// </summary>
public static class Receipts
{
    /// <summary>Telegram's limit for one text message; content plus receipt must fit or go as two messages.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The stand-alone receipt, after content that could not carry it (reports, services).</summary>
    public static string Standalone(Order order, string delivered) =>
        $"🧾 Receipt · order {order.Code}\nPaid ⭐{order.Stars} · delivered {delivered}.\nQuestions about this purchase? Send /paysupport with the order code.";

    /// <summary>
    /// The receipt under the content itself: the content is right above, so it does not repeat what was delivered.
    /// Plain characters only, so it is safe in Telegram HTML and in a caption.
    /// </summary>
    public static string Footer(Order order) =>
        $"🧾 Receipt · order {order.Code} · paid ⭐{order.Stars}\nQuestions about this purchase? Send /paysupport with the order code.";

    /// <summary>The content with its receipt under it, in one message.</summary>
    public static string WithFooter(string content, Order order) => $"{content}\n\n{Footer(order)}";
}
