using System.Net;
using StarsStudio.Features.Catalog.Copy;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>How actions look in the chat: the catalog keyboard and one action's card (Telegram HTML).</summary>
public static class ActionCards
{
    public const int PageSize = 8;

    /// <param name="offer">An early-bird price or a code for this buyer: its line replaces the list price.</param>
    public static string Card(PaidAction action, CardOffer? offer = null)
    {
        var t = action.Terms;
        var lines = new List<string>
        {
            $"<b>{H(t.Title)}</b>",
            $"After paying, you get {H(t.Promise.TrimEnd('.'))}.",
        };
        if (!string.IsNullOrWhiteSpace(t.Description) && t.Description != t.Promise) lines.Add(H(t.Description));
        switch (action.Kind)
        {
            // The same sentences as the dashboard's card preview (BuyerFacts), so the preview never lies.
            case ActionKind.CreditPack when t.CreditExpiryDays is { } days:
                lines.Add($"ℹ️ {BuyerFacts.ExpirySentence(days)}");
                break;
            case ActionKind.PaidCommand when t.CommandName is { } name:
                lines.Add($"ℹ️ {BuyerFacts.CommandUses(t.CommandUses ?? 1, name)}.");
                break;
            case ActionKind.Report or ActionKind.Service:
                lines.Add($"ℹ️ {Reports.ReportFacts.CardLine(action.Kind, t)}");
                break;
        }
        lines.Add(offer?.PriceLine ?? $"Price: ⭐ {BuyerFacts.Stars(t.PriceStars)}");
        if (action.StockLimit is not null) lines.Add("Limited quantity.");
        return string.Join("\n", lines);
    }

    public static InlineKeyboardMarkup BuyButton(PaidAction action, CardOffer? offer = null) =>
        new([[offer is null
            ? InlineKeyboardButton.WithCallbackData($"Buy for ⭐ {BuyerFacts.Stars(action.Terms.PriceStars)}", $"buy:{action.Id}")
            : InlineKeyboardButton.WithCallbackData(offer.BuyLabel, offer.BuyData)]]);

    public static InlineKeyboardMarkup? CatalogKeyboard(IReadOnlyList<PaidAction> actions, int page)
    {
        if (actions.Count == 0) return null;
        var pages = (actions.Count + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 0, pages - 1);
        var rows = actions.Skip(page * PageSize).Take(PageSize)
            .Select(a => new[] { InlineKeyboardButton.WithCallbackData($"{a.Terms.Title} · ⭐{a.Terms.PriceStars}", $"act:{a.Id}") })
            .ToList();
        if (pages > 1)
        {
            var nav = new List<InlineKeyboardButton>();
            if (page > 0) nav.Add(InlineKeyboardButton.WithCallbackData("‹ Back", $"cat:{page - 1}"));
            nav.Add(InlineKeyboardButton.WithCallbackData($"{page + 1}/{pages}", $"cat:{page}"));
            if (page < pages - 1) nav.Add(InlineKeyboardButton.WithCallbackData("More ›", $"cat:{page + 1}"));
            rows.Add([.. nav]);
        }
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>Creator text goes into Telegram HTML, so it is escaped.</summary>
    public static string H(string text) => WebUtility.HtmlEncode(text);
}
