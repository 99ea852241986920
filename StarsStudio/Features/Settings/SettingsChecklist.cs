using StarsStudio.Bot;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Settings;

/// <summary>The launch checklist's lines about the bot itself: support, terms and privacy texts, and the connection.</summary>
public sealed class SettingsChecklist(SettingsService settings, BotStatus botStatus) : IChecklistContributor
{
    public async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct)
    {
        var texts = await settings.BuyerTextsAsync(ct);
        var supportOk = !string.IsNullOrWhiteSpace(texts.Support) && !string.IsNullOrWhiteSpace(texts.Terms) && !string.IsNullOrWhiteSpace(texts.Privacy);
        var connected = botStatus.State is BotState.Live or BotState.Practice;
        return
        [
            new("support", "Support, terms and privacy texts set", supportOk, supportOk ? "/paysupport, /terms and /privacy answer." : "Fill them in Settings."),
            new("bot", "Bot connected", connected, botStatus.State switch
            {
                BotState.Live => $"Live as @{botStatus.Username}.",
                BotState.Practice => "Practice mode: buyers are virtual until you connect your bot in Settings.",
                _ => botStatus.Problem ?? "The bot is not running.",
            }),
        ];
    }
}
