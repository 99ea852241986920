using StarsStudio.Features.Messages;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Payments.Bot;

/// <summary>
/// The Buy button (buy:{actionId}, or buy:{actionId}:{CODE} on a card opened with a code): an order and its invoice, or the questions first when the action asks any
/// (a report or service), or a plain message when it cannot be bought now. The tap is always answered.
/// </summary>
public sealed class BuyButtonHandler(CheckoutService checkout, BotSender sender, IEnumerable<ICheckoutQuestions> questions, Catalog.ICardOffers offers, Languages.BuyerWords words, TimeProvider clock) : IBotUpdateHandler
{
    public const string Prefix = "buy:";

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var w = await words.ForAsync(query.From, ct);
        string? toast = null;
        if (!Offers.OfferDisplay.TryReadBuyData(query.Data!, out var actionId, out var code)) toast = w["button.out_of_date"];
        else
        {
            // Read once: the questions and the checkout decide on the same row.
            var action = await checkout.FindActionAsync(actionId, ct);
            if (action is null || !await AskedFirstAsync(update.Bot, query.From, action, code, ct))
            {
                var start = await checkout.StartAsync(update.Bot, query.From, action, ct, code: code);
                if (!start.InvoiceSent)
                {
                    using var about = start.Order is { } refused ? OrderMessageLog.About(refused.Id, OrderMessageKind.Refusal) : null;
                    await sender.SendTextAsync(update.Bot, chatId, start.Problem!, SendPriority.Reply, ct: ct);
                }
                // The code stopped applying between the card and the tap: the card again, at today's price.
                if (start.OfferLost && action is not null)
                    await Catalog.Bot.CatalogReplies.SendCardAsync(sender, update.Bot, chatId, action, clock, ct, await offers.ForCardAsync(update.Bot, query.From.Id, action, ct, w), w);
            }
        }
        await update.Client.AnswerCallbackQuery(query.Id, toast, cancellationToken: ct);
    }

    private async Task<bool> AskedFirstAsync(RunningBot bot, User buyer, Features.Catalog.PaidAction action, string? code, CancellationToken ct)
    {
        foreach (var q in questions)
            if (await q.TryStartAsync(bot, buyer, action, ct, code)) return true;
        return false;
    }
}
