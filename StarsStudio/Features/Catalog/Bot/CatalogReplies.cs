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
    public static async Task SendCardAsync(BotSender sender, RunningBot bot, long chatId, PaidAction action, TimeProvider clock, CancellationToken ct, CardOffer? offer = null)
    {
        if (!action.IsOnSale(clock.GetUtcNow()))
        {
            await sender.SendTextAsync(bot, chatId, "Sorry, this item is not on sale right now. Send /start to see what is available.", SendPriority.Reply, ct: ct);
            return;
        }
        await sender.SendTextAsync(bot, chatId, ActionCards.Card(action, offer), SendPriority.Reply, ActionCards.BuyButton(action, offer), ParseMode.Html, ct);
    }
}
