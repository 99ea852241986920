using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>
/// Inline buttons of the catalog: cat:{page} pages the list, act:{id} opens a card, buy:{id} creates an order
/// and sends its invoice, dl:{orderId} sends a purchase again. Every tap is answered so the spinner stops.
/// </summary>
public sealed class CatalogCallbackHandler(
    CatalogService catalog,
    CheckoutService purchases,
    BuyerLibrary owned,
    BotSender sender,
    TimeProvider clock,
    Reports.Bot.QuestionFlow? questions = null) : IBotUpdateHandler
{
    public RouteStage Stage => RouteStage.Normal;

    public bool CanHandle(Update update) =>
        update.CallbackQuery is { Data: { } data } && (data.StartsWith("cat:") || data.StartsWith("act:") || data.StartsWith("buy:") || data.StartsWith("dl:"));

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        var (verb, argument) = Split(query.Data!);
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        string? toast = null;
        switch (verb)
        {
            case "cat" when int.TryParse(argument, out var page):
                var onSale = await catalog.OnSaleAsync(ct);
                if (query.Message is { } message && ActionCards.CatalogKeyboard(onSale, page) is { } keyboard)
                    await sender.SendAsync(update.Bot, chatId, SendPriority.Reply,
                        (c, t) => c.EditMessageReplyMarkup(chatId, message.MessageId, keyboard, cancellationToken: t), ct);
                break;
            case "act" when int.TryParse(argument, out var actionId):
                if (await catalog.GetAsync(actionId, ct) is { } action)
                    await CatalogReplies.SendCardAsync(sender, update.Bot, chatId, action, clock, ct);
                else toast = "This item is no longer available.";
                break;
            case "buy" when int.TryParse(argument, out var buyId):
                // Reports and services with questions ask them first; the invoice follows the last answer.
                if (questions is not null && await questions.TryStartAsync(update.Bot, query.From, buyId, ct)) break;
                var start = await purchases.StartAsync(update.Bot, query.From, buyId, ct);
                if (!start.InvoiceSent) await sender.SendTextAsync(update.Bot, chatId, start.Problem!, SendPriority.Reply, ct: ct);
                break;
            case "dl" when long.TryParse(argument, out var orderId):
                toast = await owned.SendAgainAsync(update.Bot, query.From.Id, orderId, ct);
                break;
            default:
                toast = "This button is out of date. Send /start.";
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
