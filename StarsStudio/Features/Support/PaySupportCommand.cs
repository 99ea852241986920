using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Settings;

namespace StarsStudio.Features.Support;

/// <summary>/paysupport: Telegram requires every Stars bot to answer it (Developer Terms 6.2.1).</summary>
public sealed class PaySupportCommand(SettingsService settings, BotSender sender) : IBotCommand
{
    public string Name => "paysupport";
    public string? MenuDescription => "Help with a payment";
    public async Task RunAsync(CommandContext c, CancellationToken ct) =>
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(ct)).Support, SendPriority.Reply, ct: ct);
}
