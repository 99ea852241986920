using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Offers.Bot;

/// <summary>
/// After pre-checkout refused an invoice because its offer ended (code used up, expired or withdrawn; early bird
/// closed or taken), the buyer gets a Buy button at today's price in the chat, so a fresh invoice is one tap away.
/// </summary>
public sealed class FreshInvoiceOffer(CatalogService catalog, OfferPricing pricing, BotSender sender, TimeProvider clock, ILogger<FreshInvoiceOffer> logger)
{
    public async Task SendAsync(RunningBot bot, Order order, CancellationToken ct)
    {
        try
        {
            if (await catalog.GetAsync(order.ActionId, ct) is not { } action || !action.IsOnSale(clock.GetUtcNow())) return;
            var quote = await pricing.QuoteAsync(bot.BotId, order.BuyerId, action, null, clock.GetUtcNow(), ct);
            var w = Languages.BotWords.For(order.BuyerLanguage);
            var button = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(OfferTexts.BuyButton(quote.Stars, w), OfferDisplay.BuyData(action.Id, null))]]);
            await sender.SendTextAsync(bot, order.BuyerId, OfferTexts.FreshInvoiceOffer(w), SendPriority.Reply, button, ct: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The refusal itself reached the buyer on the payment sheet; this is the courtesy after it.
            logger.LogWarning(e, "Fresh-invoice offer for order {Order} not sent", order.Code);
        }
    }
}
