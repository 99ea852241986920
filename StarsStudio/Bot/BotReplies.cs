using Telegram.Bot;
using Telegram.Bot.Types;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Languages;

namespace StarsStudio.Bot;

/// <summary>Shared buyer-facing replies that several handlers send, in the buyer's language.</summary>
public sealed class BotReplies(BotSender sender, BuyerWords words)
{
    public async Task SendHelpAsync(RunningBot bot, long chatId, User? from, CancellationToken ct) =>
        await sender.SendTextAsync(bot, chatId, (await words.ForAsync(from, ct))["help"], SendPriority.Reply, ct: ct);
}
