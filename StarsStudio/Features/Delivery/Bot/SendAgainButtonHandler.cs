using StarsStudio.Bot;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Delivery.Bot;

/// <summary>The "send again" button of /purchases (dl:{orderId}): a file or text the buyer owns, once more.</summary>
public sealed class SendAgainButtonHandler(BuyerLibrary library, Languages.BuyerWords words) : IBotUpdateHandler
{
    public const string Prefix = "dl:";

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        var w = await words.ForAsync(query.From, ct);
        var toast = long.TryParse(query.Data.AsSpan(Prefix.Length), out var orderId)
            ? await library.SendAgainAsync(update.Bot, query.From.Id, orderId, ct, w)
            : w["button.out_of_date"];
        await update.Client.AnswerCallbackQuery(query.Id, toast, cancellationToken: ct);
    }
}
