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

/// <summary>/cancel: stops a half-answered set of questions (nothing is charged before the invoice is paid).</summary>
public sealed class CancelQuestionsCommand(QuestionFlow flow, Languages.BuyerWords words, BotSender sender) : IBotCommand
{
    public string Name => "cancel";
    public string? MenuDescription => null;

    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        var stopped = await flow.CancelAsync(c.Bot.BotId, c.From.Id, ct);
        await sender.SendTextAsync(c.Bot, c.ChatId, (await words.ForAsync(c.From, ct))[stopped ? "questions.stopped" : "questions.nothing_to_cancel"], SendPriority.Reply, ct: ct);
    }
}
