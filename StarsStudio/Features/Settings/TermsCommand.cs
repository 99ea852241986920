using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;

namespace StarsStudio.Features.Settings;

/// <summary>/terms: the terms of sale from Settings.</summary>
public sealed class TermsCommand(SettingsService settings, Languages.BuyerWords words, BotSender sender) : IBotCommand
{
    public string Name => "terms";
    public string? MenuDescription => "Terms of sale";
    public async Task RunAsync(CommandContext c, CancellationToken ct) =>
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(await words.ForAsync(c.From, ct), ct)).Terms, SendPriority.Reply, ct: ct);
}
