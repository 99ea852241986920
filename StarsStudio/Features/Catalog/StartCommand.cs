using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Settings;

namespace StarsStudio.Features.Catalog;

/// <summary>/start [slug]: the welcome (and catalog), or one action's card for a deep link.</summary>
public sealed class StartCommand(SettingsService settings, BuyerDirectory buyers, BotSender sender) : IBotCommand
{
    public string Name => "start";
    public string? MenuDescription => "See what you can buy";

    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        await buyers.TouchAsync(c.Bot.BotId, c.From, subscribe: true, ct);
        var texts = await settings.BuyerTextsAsync(ct);
        var welcome = Placeholders.Fill(texts.Welcome, Placeholders.ForUser(c.From));
        await sender.SendTextAsync(c.Bot, c.ChatId, welcome, SendPriority.Reply, ct: ct);
    }
}
