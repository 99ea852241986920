using Telegram.Bot;
using Telegram.Bot.Types;
using StarsStudio.Bot.Outbound;

namespace StarsStudio.Bot;

/// <summary>Shared buyer-facing replies that several handlers send.</summary>
public sealed class BotReplies(BotSender sender)
{
    public const string HelpText =
        "I did not understand that. Here is what I can do:\n" +
        "/start – see what you can buy\n/purchases – what you own\n/balance – your credits\n" +
        "/paysupport – help with a payment\n/terms – terms of sale\n/privacy – privacy";

    public Task SendHelpAsync(RunningBot bot, long chatId, CancellationToken ct) =>
        sender.SendTextAsync(bot, chatId, HelpText, SendPriority.Reply, ct: ct);
}
