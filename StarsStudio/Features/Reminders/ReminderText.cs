using System.Globalization;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

/// <summary>Default copy and the placeholders a reminder's text may use.</summary>
public static class ReminderText
{
    public static readonly string[] PlaceholderNames = ["first_name", "action_title", "price", "launch_time", "topup_link", "deep_link", "code", "code_link"];

    public const string TopUp =
        "Hi {first_name}! ⭐ {action_title} unlocks with Telegram Stars on {launch_time} for {price}.\n" +
        "Top up your Stars before the launch, so you are ready the moment it opens: {topup_link}\n" +
        "(Buying Stars inside the payment window does not work in every Telegram app.)";

    public const string LiveNow =
        "{action_title} is live now! 🚀 Unlock it for {price}: {deep_link}\n" +
        "No Stars yet? Top up here first: {topup_link}";

    public const string Custom = "Hi {first_name}! ";

    public static string DefaultFor(ReminderKind kind) => kind switch
    {
        ReminderKind.TopUp => TopUp,
        ReminderKind.LiveNow => LiveNow,
        _ => Custom,
    };

    /// <summary>The values for one message; the buyer's first name is filled per recipient.</summary>
    /// <param name="language">The recipient's language (a shipped code): the action's title from its translation, the bot's words in it.</param>
    /// <param name="promoCode">The reminder's promo code: {code}, and with the action {code_link} (the link that opens it with the code).</param>
    public static Dictionary<string, string?> Values(PaidAction? action, string? botUsername, string topUpLink, TimeZoneInfo zone, string firstName, string? language = null, string? promoCode = null)
    {
        var w = Languages.BotWords.For(language);
        var values = Placeholders.ForUser(null);
        values["first_name"] = string.IsNullOrWhiteSpace(firstName) ? w["reminder.there"] : firstName;
        values["topup_link"] = topUpLink;
        if (action is not null)
        {
            values["action_title"] = action.Terms.InLanguage(language).Title;
            values["price"] = "⭐ " + action.Terms.PriceStars.ToString("N0", CultureInfo.InvariantCulture);
            values["deep_link"] = DeepLinks.For(botUsername, action.Slug);
            values["launch_time"] = action.LaunchAt is { } at ? LaunchPlan.Format(at, zone) : w["reminder.launch_day"];
            if (promoCode is not null) values["code_link"] = Offers.PromoCodes.Link(botUsername, action.Slug, promoCode);
        }
        if (promoCode is not null) values["code"] = promoCode;
        return values;
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string?> values) => Placeholders.Fill(text, values);

    /// <summary>
    /// The reminder's text for a recipient whose language resolved to <paramref name="language"/>: its translation
    /// when there is one and it is not blank, else the default-language text.
    /// </summary>
    public static string TextIn(Reminder reminder, string? language)
    {
        var code = Languages.BuyerLanguages.Normalize(language);
        var translated = code is null ? null : reminder.Translations.FirstOrDefault(t => Languages.BuyerLanguages.Normalize(t.Language) == code)?.Text;
        return string.IsNullOrWhiteSpace(translated) ? reminder.Text : translated;
    }
}
