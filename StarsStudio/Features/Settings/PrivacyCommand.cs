using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;

namespace StarsStudio.Features.Settings;

/// <summary>/privacy: required by Telegram's Developer Terms.</summary>
public sealed class PrivacyCommand(SettingsService settings, Languages.BuyerWords words, BotSender sender) : IBotCommand
{
    public string Name => "privacy";
    public string? MenuDescription => "How we use your data";
    public async Task RunAsync(CommandContext c, CancellationToken ct) =>
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(await words.ForAsync(c.From, ct), ct)).Privacy, SendPriority.Reply, ct: ct);
}
