using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Features.Reminders;

/// <summary>
/// The copy coach for a reminder: it reads the filled-in text the way an invoice description is read, plus the
/// checks only a reminder needs (it says where to top up, and that the thing is paid with Stars). Pure, like
/// <see cref="CopyCoach"/>; lives in Reminders because the rules know reminder kinds and the top-up link.
/// </summary>
public static class ReminderCopyCoach
{
    public const string NoTopUpLink = "NoTopUpLink";
    public const string NoStars = "NoStars";

    /// <param name="kind">A "live now" reminder may leave the top-up link out: the action is already on sale.</param>
    /// <param name="text">What the creator typed, placeholders and all.</param>
    /// <param name="filled">The same text with the placeholders filled in, as a buyer reads it.</param>
    /// <param name="topUpLink">The top-up link from Settings; typing it out counts as much as {topup_link}.</param>
    public static IReadOnlyList<CopyFinding> Review(ReminderKind kind, string? text, string filled, string topUpLink)
    {
        // A reminder is a chat message, not an invoice: the 255-character limit and "empty" wording don't apply.
        var list = CopyCoach.Review(new CopyInput(ActionKind.File, "Reminder", filled, "a reminder to top up Stars", 1))
            .Where(f => f.Field == CopyField.Description && f.Code is not (CopyCodes.TooLong or CopyCodes.Empty)
                        // Its price comes from {price} and it may announce an offer: the action's price checks are the editor's.
                        && f.Code is not (CopyCodes.PriceMismatch or CopyCodes.DiscountNotOffered)).ToList();
        if (string.IsNullOrWhiteSpace(text))
        {
            list.Add(new(CopyField.Description, FindingSeverity.Problem, CopyCodes.Empty, "The message is empty.", "Use the suggested text."));
            return list;
        }
        if (kind != ReminderKind.LiveNow && !text.Contains("{topup_link}") && !text.Contains(topUpLink))
            list.Add(new(CopyField.Description, FindingSeverity.Warning, NoTopUpLink, "Buyers are not told where to top up Stars.", "Add {topup_link}."));
        if (!filled.Contains("Star", StringComparison.OrdinalIgnoreCase) && !filled.Contains('⭐'))
            list.Add(new(CopyField.Description, FindingSeverity.Warning, NoStars, "The message does not say it is paid with Telegram Stars.", "Say “unlock with Stars”."));
        return list;
    }

    /// <summary>Problems stop a reminder from being scheduled; warnings are advice.</summary>
    public static bool CanSend(IReadOnlyList<CopyFinding> findings) => CopyCoach.CanGoLive(findings);
}
