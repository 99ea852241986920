using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;

namespace StarsStudio.Features.Settings;

/// <summary>/terms: the terms of sale from Settings.</summary>
public sealed class TermsCommand(SettingsService settings, BotSender sender) : IBotCommand
{
    public string Name => "terms";
    public string? MenuDescription => "Terms of sale";
    public async Task RunAsync(CommandContext c, CancellationToken ct) =>
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(ct)).Terms, SendPriority.Reply, ct: ct);
}

/// <summary>/privacy: required by Telegram's Developer Terms.</summary>
public sealed class PrivacyCommand(SettingsService settings, BotSender sender) : IBotCommand
{
    public string Name => "privacy";
    public string? MenuDescription => "How we use your data";
    public async Task RunAsync(CommandContext c, CancellationToken ct) =>
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(ct)).Privacy, SendPriority.Reply, ct: ct);
}
