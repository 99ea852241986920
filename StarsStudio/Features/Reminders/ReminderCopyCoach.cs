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
    /// <param name="language">The language the text is written in (suggestions in English only for English text).</param>
    public static IReadOnlyList<CopyFinding> Review(ReminderKind kind, string? text, string filled, string topUpLink, string language = Languages.BuyerLanguages.English)
    {
        // A reminder is a chat message, not an invoice: the 255-character limit and "empty" wording don't apply.
        var list = CopyCoach.Review(new CopyInput(ActionKind.File, "Reminder", filled, "a reminder to top up Stars", 1) { Language = language })
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
        if (!StarWords.Any(w => filled.Contains(w, StringComparison.OrdinalIgnoreCase)) && !filled.Contains('⭐'))
            list.Add(new(CopyField.Description, FindingSeverity.Warning, NoStars, "The message does not say it is paid with Telegram Stars.", "Say “unlock with Stars”."));
        return list;
    }

    /// <summary>
    /// The default text and every written translation, each checked on its own (placeholders, Telegram's 4096
    /// characters, the word lists); a translation's findings name its language.
    /// </summary>
    /// <param name="translations">Language, text as typed, text filled in.</param>
    public static IReadOnlyList<CopyFinding> ReviewAll(ReminderKind kind, string? text, string filled, string topUpLink, string defaultLanguage,
        IEnumerable<(string Language, string Text, string Filled)> translations)
    {
        var all = Review(kind, text, filled, topUpLink, defaultLanguage).ToList();
        foreach (var (language, translated, translatedFilled) in translations)
        {
            if (string.IsNullOrWhiteSpace(translated)) continue;
            var name = Languages.BuyerLanguages.Find(language)?.EnglishName ?? language;
            var findings = Review(kind, translated, translatedFilled, topUpLink, language).ToList();
            if (translated.Trim().Length > 4096)
                findings.Insert(0, new(CopyField.Description, FindingSeverity.Problem, CopyCodes.TooLong,
                    $"The message is {translated.Trim().Length} characters; Telegram allows at most 4096.", "Shorten it."));
            all.AddRange(findings.Select(f => f with { Why = $"{name}: {f.Why}", Language = language }));
        }
        return all;
    }

    /// <summary>"Stars" in the shipped languages, so a translated reminder that says it is not told it doesn't.</summary>
    private static readonly string[] StarWords = ["Star", "звезд", "звёзд", "зірк", "estrella", "estrela", "Stern", "yıldız", "bintang", "ستاره"];

    /// <summary>Problems stop a reminder from being scheduled; warnings are advice.</summary>
    public static bool CanSend(IReadOnlyList<CopyFinding> findings) => CopyCoach.CanGoLive(findings);
}
