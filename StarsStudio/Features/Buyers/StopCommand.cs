using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Buyers;

/// <summary>/stop: no more reminders until the buyer sends /start again.</summary>
public sealed class StopCommand(BuyerDirectory buyers, Languages.BuyerWords words, BotSender sender) : IBotCommand
{
    public string Name => "stop";
    public string? MenuDescription => "Stop reminders";
    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        await buyers.TouchAsync(c.Bot.BotId, c.From, subscribe: false, ct);
        await buyers.SetOptedOutAsync(c.Bot.BotId, c.From.Id, true, ct);
        await sender.SendTextAsync(c.Bot, c.ChatId, (await words.ForAsync(c.From, ct))["stop.done"], SendPriority.Reply, ct: ct);
    }
}
