using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Settings;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>Replies several catalog handlers share.</summary>
public static class CatalogReplies
{
    /// <param name="offer">The buyer's early-bird price or code (from <see cref="ICardOffers"/>); null = list price.</param>
    public static async Task SendCardAsync(BotSender sender, RunningBot bot, long chatId, PaidAction action, TimeProvider clock, CancellationToken ct, CardOffer? offer = null, Languages.Words? w = null)
    {
        if (!action.IsOnSale(clock.GetUtcNow()))
        {
            await sender.SendTextAsync(bot, chatId, (w ?? Languages.BotWords.English)["item.not_on_sale"], SendPriority.Reply, ct: ct);
            return;
        }
        await sender.SendTextAsync(bot, chatId, ActionCards.Card(action, offer, w), SendPriority.Reply, ActionCards.BuyButton(action, offer, w), ParseMode.Html, ct);
    }
}
