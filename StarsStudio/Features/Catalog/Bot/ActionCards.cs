using System.Net;
using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Languages;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>
/// How actions look in the chat: the catalog keyboard and one action's card (Telegram HTML), in the buyer's
/// language: the bot's words from <see cref="Words"/>, the creator's from the action's translation (else its
/// default-language text). Without words: English and the default-language text.
/// </summary>
public static class ActionCards
{
    public const int PageSize = 8;

    /// <param name="offer">An early-bird price or a code for this buyer: its line replaces the list price.</param>
    public static string Card(PaidAction action, CardOffer? offer = null, Words? w = null)
    {
        w ??= BotWords.English;
        var t = action.Terms.InLanguage(w.Code);
        var lines = new List<string>
        {
            $"<b>{H(t.Title)}</b>",
            w.T("card.promise", ("promise", H(t.Promise.TrimEnd('.')))),
        };
        if (!string.IsNullOrWhiteSpace(t.Description) && t.Description != t.Promise) lines.Add(H(t.Description));
        switch (action.Kind)
        {
            // The same sentences as the dashboard's card preview (BuyerFacts), so the preview never lies.
            case ActionKind.CreditPack when t.CreditExpiryDays is { } days:
                lines.Add($"ℹ️ {BuyerFacts.ExpirySentence(days, w)}");
                break;
            case ActionKind.PaidCommand when t.CommandName is { } name:
                lines.Add($"ℹ️ {BuyerFacts.CommandUses(t.CommandUses ?? 1, name, w)}.");
                break;
            case ActionKind.Report or ActionKind.Service:
                lines.Add($"ℹ️ {Reports.ReportFacts.CardLine(action.Kind, t, w)}");
                break;
        }
        lines.Add(offer?.PriceLine ?? w.T("card.price", ("stars", BuyerFacts.Stars(t.PriceStars))));
        if (action.StockLimit is not null) lines.Add(w["card.limited"]);
        return string.Join("\n", lines);
    }

    public static InlineKeyboardMarkup BuyButton(PaidAction action, CardOffer? offer = null, Words? w = null) =>
        new([[offer is null
            ? InlineKeyboardButton.WithCallbackData((w ?? BotWords.English).T("card.buy", ("stars", BuyerFacts.Stars(action.Terms.PriceStars))), $"buy:{action.Id}")
            : InlineKeyboardButton.WithCallbackData(offer.BuyLabel, offer.BuyData)]]);

    public static InlineKeyboardMarkup? CatalogKeyboard(IReadOnlyList<PaidAction> actions, int page, Words? w = null)
    {
        if (actions.Count == 0) return null;
        w ??= BotWords.English;
        var pages = (actions.Count + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 0, pages - 1);
        var rows = actions.Skip(page * PageSize).Take(PageSize)
            .Select(a => new[] { InlineKeyboardButton.WithCallbackData($"{a.Terms.InLanguage(w.Code).Title} · ⭐{a.Terms.PriceStars}", $"act:{a.Id}") })
            .ToList();
        if (pages > 1)
        {
            var nav = new List<InlineKeyboardButton>();
            if (page > 0) nav.Add(InlineKeyboardButton.WithCallbackData(w["catalog.back"], $"cat:{page - 1}"));
            nav.Add(InlineKeyboardButton.WithCallbackData($"{page + 1}/{pages}", $"cat:{page}"));
            if (page < pages - 1) nav.Add(InlineKeyboardButton.WithCallbackData(w["catalog.more"], $"cat:{page + 1}"));
            rows.Add([.. nav]);
        }
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>Creator text goes into Telegram HTML, so it is escaped.</summary>
    public static string H(string text) => WebUtility.HtmlEncode(text);
}
