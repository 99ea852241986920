using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Settings;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Support;

/// <summary>
/// A private text message from a buyer with a pending /paysupport prompt becomes a support request. Runs after
/// commands (a /command is never swallowed) and before the help fallback; claims nothing without a prompt.
/// </summary>
public sealed class SupportTextHandler(SupportDesk desk, Languages.BuyerWords words, BotSender sender) : IBotUpdateHandler
{

    /// <summary>The routing table asks: is this update for this handler right now (a conversation is pending)?</summary>
    public bool IsFor(Update update) =>
        update.Message is { Text: { Length: > 0 } text, From: { } from, Chat.Type: ChatType.Private } m
        && m.SuccessfulPayment is null && m.RefundedPayment is null && text[0] != '/' && desk.HasPendingPrompt(from.Id);

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        var request = await desk.TakePromptAsync(update.Bot.BotId, message.From!.Id, message.Text!, ct);
        var w = await words.ForAsync(message.From, ct);
        var reply = request is null ? w["support.timed_out"] : w.T("support.received", ("id", request.Id));
        await sender.SendTextAsync(update.Bot, message.Chat.Id, reply, SendPriority.Reply, ct: ct);
    }
}
