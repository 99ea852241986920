using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Settings;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Support;

/// <summary>ps:{orderId} buttons of /paysupport: remember the choice and ask for a description.</summary>
public sealed class SupportCallbackHandler(SupportDesk desk, Languages.BuyerWords words, BotSender sender) : IBotUpdateHandler
{
    /// <summary>The routing table asks: is this update for this handler right now (a conversation is pending)?</summary>
    public bool IsFor(Update update) => update.CallbackQuery is { Data: ['p', 's', ':', ..] };

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        long? orderId = long.TryParse(query.Data!.AsSpan(3), out var id) && id > 0 ? id : null;
        if (orderId is { } chosen && !(await desk.RecentOrdersAsync(update.Bot.BotId, query.From.Id, ct)).Any(o => o.Id == chosen))
            orderId = null; // not one of theirs (or too old): treat as "Something else"
        await desk.SetPromptAsync(update.Bot.BotId, query.From.Id, orderId, ct);
        try { await update.Client.AnswerCallbackQuery(query.Id, cancellationToken: ct); }
        catch (Telegram.Bot.Exceptions.ApiRequestException) { /* an old button: the prompt below still goes out */ }
        await sender.SendTextAsync(update.Bot, query.Message?.Chat.Id ?? query.From.Id, (await words.ForAsync(query.From, ct))["support.describe"], SendPriority.Reply, ct: ct);
    }
}
