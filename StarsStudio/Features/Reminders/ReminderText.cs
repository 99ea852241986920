using System.Globalization;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

/// <summary>Default copy and the placeholders a reminder's text may use.</summary>
public static class ReminderText
{
    public static readonly string[] PlaceholderNames = ["first_name", "action_title", "price", "launch_time", "topup_link", "deep_link"];

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
    public static Dictionary<string, string?> Values(PaidAction? action, string? botUsername, string topUpLink, TimeZoneInfo zone, string firstName)
    {
        var values = Placeholders.ForUser(null);
        values["first_name"] = string.IsNullOrWhiteSpace(firstName) ? "there" : firstName;
        values["topup_link"] = topUpLink;
        if (action is not null)
        {
            values["action_title"] = action.Terms.Title;
            values["price"] = "⭐ " + action.Terms.PriceStars.ToString("N0", CultureInfo.InvariantCulture);
            values["deep_link"] = DeepLinks.For(botUsername, action.Slug);
            values["launch_time"] = action.LaunchAt is { } at ? LaunchPlan.Format(at, zone) : "launch day";
        }
        return values;
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string?> values) => Placeholders.Fill(text, values);
}
