using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>
/// Inline buttons of the catalog: cat:{page} pages the list, act:{id} opens a card. (Buy belongs to Payments,
/// "send again" to Delivery.) Every tap is answered so the spinner stops.
/// </summary>
public sealed class CatalogCallbackHandler(CatalogService catalog, BotSender sender, ICardOffers offers, Languages.BuyerWords words, TimeProvider clock) : IBotUpdateHandler
{

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        var (verb, argument) = Split(query.Data!);
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var w = await words.ForAsync(query.From, ct);
        string? toast = null;
        switch (verb)
        {
            case "cat" when int.TryParse(argument, out var page):
                var onSale = await catalog.OnSaleAsync(ct);
                if (query.Message is { } message && ActionCards.CatalogKeyboard(onSale, page, w) is { } keyboard)
                    await sender.SendAsync(update.Bot, chatId, SendPriority.Reply,
                        (c, t) => c.EditMessageReplyMarkup(chatId, message.MessageId, keyboard, cancellationToken: t), ct);
                break;
            case "act" when int.TryParse(argument, out var actionId):
                if (await catalog.GetAsync(actionId, ct) is { } action)
                    await CatalogReplies.SendCardAsync(sender, update.Bot, chatId, action, clock, ct, await offers.ForCardAsync(update.Bot, query.From.Id, action, ct, w), w);
                else toast = w["item.gone"];
                break;
            default:
                toast = w["button.out_of_date"];
                break;
        }
        await update.Client.AnswerCallbackQuery(query.Id, toast, cancellationToken: ct);
    }

    private static (string Verb, string Argument) Split(string data)
    {
        var colon = data.IndexOf(':');
        return (data[..colon], data[(colon + 1)..]);
    }
}
