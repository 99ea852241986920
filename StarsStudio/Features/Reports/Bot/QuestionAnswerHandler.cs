using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Reports.Bot;

/// <summary>
/// Claims private text only from buyers with a pending question (and the answer buttons), after commands and
/// catalog buttons and before the fallback help. Commands still work mid-form; /cancel stops it.
/// </summary>
public sealed class QuestionAnswerHandler(QuestionFlow flow, Languages.BuyerWords words) : IBotUpdateHandler
{

    /// <summary>The routing table asks: is this update for this handler right now (a conversation is pending)?</summary>
    public bool IsFor(Update update) =>
        update.CallbackQuery is { Data: ['a', 'n', 's', ':', ..] }
        || update.Message is { Chat.Type: ChatType.Private, From: { } from, Text: { } text, SuccessfulPayment: null } && !text.StartsWith('/') && flow.IsPending(from.Id);

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        if (update.Update.CallbackQuery is { } query)
        {
            var parts = query.Data!.Split(':');
            string? toast = (await words.ForAsync(query.From, ct))["questions.button_out_of_date"];
            if (parts.Length == 4 && long.TryParse(parts[1], out var sessionId) && int.TryParse(parts[2], out var index))
                toast = await flow.ChooseAsync(update.Bot, query.From, sessionId, index, parts[3], ct);
            await update.Client.AnswerCallbackQuery(query.Id, toast, cancellationToken: ct);
            return;
        }
        var message = update.Update.Message!;
        await flow.AnswerAsync(update.Bot, message.From!, message.Text!, ct);
    }
}
