using StarsStudio.Features.Settings;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Languages;

/// <summary>
/// Picks a buyer's words: their Telegram <c>language_code</c> through the fallback chain to the creator's default
/// language (Settings, cached there). Handlers ask this once per update and pass the words on.
/// </summary>
public sealed class BuyerWords(SettingsService settings)
{
    public async Task<Words> ForAsync(string? telegramCode, CancellationToken ct = default) =>
        BotWords.For(telegramCode, (await settings.GetAsync(ct)).DefaultLanguage);

    public Task<Words> ForAsync(User? user, CancellationToken ct = default) => ForAsync(user?.LanguageCode, ct);
}
