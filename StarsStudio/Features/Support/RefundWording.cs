using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// What staff read before confirming a refund: what Telegram returns, what the refund takes back, and the
/// credits it cannot take back. Pure, so the page only shows it and the tests can read every case.
/// </summary>
public static class RefundWording
{
    public const string AcknowledgeShortfall = "Refund anyway, knowing the spent credits are lost";

    public static string Title(Order order) => $"Refund order {order.Code}?";

    public static string ConfirmText(Order order) => $"Refund ⭐{order.Stars}";

    public static string Message(Order order, RefundPreview preview)
    {
        var takes = new List<string>();
        if (preview.CreditsGranted > 0) takes.Add($"{preview.CreditsGranted - preview.CreditsSpent} unspent credits");
        if (preview.CommandUsesLeft > 0) takes.Add($"{preview.CommandUsesLeft} remaining command uses");
        return $"Telegram returns ⭐{order.Stars} to the buyer (id {order.BuyerId}). " +
               (takes.Count > 0 ? $"This takes back {string.Join(" and ", takes)}. " : "") + "A refund cannot be undone.";
    }

    /// <summary>Null when nothing is lost; otherwise staff must acknowledge it, and the refund accepts the shortfall.</summary>
    public static string? ShortfallWarning(Order order, RefundPreview preview) => preview.Shortfall > 0
        ? $"The buyer already spent {preview.CreditsSpent} of the {preview.CreditsGranted} credits. Those cannot be taken back: you refund the full ⭐{order.Stars} anyway, and their balance will not go below zero."
        : null;
}
