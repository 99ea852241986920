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
    public static async Task SendCardAsync(BotSender sender, RunningBot bot, long chatId, PaidAction action, TimeProvider clock, CancellationToken ct)
    {
        if (!action.IsOnSale(clock.GetUtcNow()))
        {
            await sender.SendTextAsync(bot, chatId, "Sorry, this item is not on sale right now. Send /start to see what is available.", SendPriority.Reply, ct: ct);
            return;
        }
        await sender.SendTextAsync(bot, chatId, ActionCards.Card(action), SendPriority.Reply, ActionCards.BuyButton(action), ParseMode.Html, ct);
    }
}
