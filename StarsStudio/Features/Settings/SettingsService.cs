using StarsStudio.Features.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Support;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Settings;

/// <summary>
/// Reads and saves workspace settings. Reads are cached because every buyer command needs them; every save
/// clears the cache. The bot token is stored encrypted and never returned.
/// </summary>
public sealed class SettingsService(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotConnectionResolver resolver,
    TelegramClientFactory clients,
    IOptionsMonitor<TelegramOptions> telegramOptions,
    IServiceProvider services,
    AuditLog audit)
{
    private volatile BotSettings? cached;

    public async Task<BotSettings> GetAsync(CancellationToken ct = default)
    {
        if (cached is { } c) return c;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.BotSettings.AsNoTracking().SingleAsync(ct);
        cached = settings;
        return settings;
    }

    public async Task<TimeZoneInfo> TimeZoneAsync(CancellationToken ct = default) =>
        TimeZones.FindOrUtc((await GetAsync(ct)).TimeZoneId);

    public async Task<BuyerTexts> BuyerTextsAsync(CancellationToken ct = default)
    {
        var s = await GetAsync(ct);
        return new BuyerTexts(s.WelcomeText, s.SupportText, s.TermsText, s.PrivacyText);
    }

    /// <summary>The texts a buyer with these words reads (their translation, else the default language).</summary>
    public async Task<BuyerTexts> BuyerTextsAsync(Languages.Words w, CancellationToken ct = default) =>
        BuyerTextsLanguage.For(await GetAsync(ct), w);

    /// <summary>Saves the buyer-facing texts, time zone and top-up link (validated by the page's model).</summary>
    public async Task SaveGeneralAsync(string actor, SettingsForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.BotSettings.SingleAsync(ct);
        var changed = new List<string>();
        void Set(string name, string current, string value, Action<string> assign)
        {
            if (current == value) return;
            assign(value);
            changed.Add(name);
        }
        Set("welcome text", s.WelcomeText, form.WelcomeText.Trim(), v => s.WelcomeText = v);
        Set("/paysupport text", s.SupportText, form.SupportText.Trim(), v => s.SupportText = v);
        Set("/terms text", s.TermsText, form.TermsText.Trim(), v => s.TermsText = v);
        Set("/privacy text", s.PrivacyText, form.PrivacyText.Trim(), v => s.PrivacyText = v);
        Set("time zone", s.TimeZoneId, form.TimeZoneId, v => s.TimeZoneId = v);
        Set("top-up link", s.TopUpLink, form.TopUpLink.Trim(), v => s.TopUpLink = v);
        Set("default language", s.DefaultLanguage, Languages.BuyerLanguages.Find(form.DefaultLanguage)?.Code ?? s.DefaultLanguage, v => s.DefaultLanguage = v);
        var translations = form.ToTranslations();
        if (!Equals(s.TextTranslations, translations))
        {
            s.TextTranslations = translations;
            changed.Add("translated texts (" + (translations.Count == 0 ? "none" : string.Join(", ", translations.Select(t => t.Language))) + ")");
        }
        await db.SaveChangesAsync(ct);
        cached = null;
        if (changed.Count > 0) await audit.WriteAsync(actor, "settings", "Changed " + string.Join(", ", changed), ct);
    }

    /// <summary>Where the bot token comes from now, for the Settings page (never the token itself).</summary>
    public async Task<string> TokenSourceAsync(CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(telegramOptions.CurrentValue.BotToken)) return "configuration";
        return (await GetAsync(ct)).ProtectedBotToken is null ? "practice" : "settings";
    }

    /// <summary>Checks a pasted token with getMe, then stores it encrypted and restarts the bot loop.</summary>
    public async Task<ConnectResult> ConnectAsync(string actor, string? pastedToken, CancellationToken ct = default)
    {
        var token = pastedToken?.Trim() ?? "";
        if (token.Length == 0) return new(false, "Paste the token BotFather gave you.");
        if (!TelegramOptionsValidator.IsWellFormedToken(token)) return new(false, TelegramOptionsValidator.TokenShapeMessage);

        var o = telegramOptions.CurrentValue;
        var probe = new BotConnection(token, string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? null : o.ApiBaseUrl, o.UseTestEnvironment, false, o.Mode, o.WebhookUrl, o.WebhookSecret);
        string username;
        try
        {
            var me = await clients.Create(probe).GetMe(ct);
            if (!me.IsBot) return new(false, "That token does not belong to a bot.");
            username = me.Username ?? me.FirstName;
        }
        catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
        {
            return new(false, "Telegram does not accept this token. Copy it again from @BotFather (/mybots → API Token).");
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TaskCanceledException)
        {
            return new(false, "Could not reach Telegram to check the token: " + TelegramErrors.Describe(e));
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var s = await db.BotSettings.SingleAsync(ct);
            s.ProtectedBotToken = resolver.TokenProtector.Protect(token);
            s.BotUsername = username;
            await db.SaveChangesAsync(ct);
        }
        cached = null;
        await audit.WriteAsync(actor, "settings", $"Connected the bot @{username}", ct);
        services.GetRequiredService<BotHostService>().Restart();
        var note = !string.IsNullOrWhiteSpace(o.BotToken) ? " Note: the token in configuration still wins until it is removed there." : "";
        return new(true, $"Connected to @{username}. The bot restarted with the new token.{note}");
    }

    /// <summary>Forgets the saved token and goes back to the built-in practice emulator.</summary>
    public async Task UsePracticeAsync(string actor, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var s = await db.BotSettings.SingleAsync(ct);
            s.ProtectedBotToken = null;
            s.BotUsername = null;
            await db.SaveChangesAsync(ct);
        }
        cached = null;
        await audit.WriteAsync(actor, "settings", "Switched the bot to practice mode", ct);
        services.GetRequiredService<BotHostService>().Restart();
    }
}
