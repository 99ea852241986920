using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Offers;

/// <summary>Turns a quote into the card's price line and Buy button (null: the list price, nothing to show).</summary>
public static class OfferDisplay
{
    /// <param name="zone">The creator's time zone: "until Fri 18:00" is their clock.</param>
    public static CardOffer? ForCard(PaidAction action, OfferQuote quote, TimeZoneInfo zone, Languages.Words? w = null)
    {
        if (!quote.Discounted) return null;
        string line;
        if (quote.Code is { } code) line = OfferTexts.CodeLine(quote.Stars, quote.ListStars, code.Code, w);
        else
        {
            var until = quote.Early?.Until is { } u ? TimeZoneInfo.ConvertTime(u, zone).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
            line = OfferTexts.EarlyBirdLine(quote.Stars, quote.ListStars, quote.EarlyLeft, quote.Early?.Limit, until, w);
        }
        return new CardOffer(line, OfferTexts.BuyButton(quote.Stars, w), BuyData(action.Id, quote.Code?.Code));
    }

    /// <summary>buy:{actionId} or buy:{actionId}:{CODE} (at most 4 + 10 + 1 + 32 bytes, inside Telegram's 64).</summary>
    public static string BuyData(int actionId, string? code) => code is null ? $"buy:{actionId}" : $"buy:{actionId}:{code}";

    public static bool TryReadBuyData(string data, out int actionId, out string? code)
    {
        code = null;
        var rest = data.AsSpan("buy:".Length);
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            code = PromoCodes.Normalize(rest[(colon + 1)..].ToString());
            rest = rest[..colon];
        }
        return int.TryParse(rest, out actionId);
    }
}
