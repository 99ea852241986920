using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Features.Settings;
using System.Security.Cryptography;

namespace StarsStudio.Bot;

/// <summary>
/// Decides which bot to run: the configured token wins, then a token saved on the Settings page, else practice
/// mode against the emulator this app hosts at /practice.
/// </summary>
public sealed class BotConnectionResolver(
    IOptionsMonitor<TelegramOptions> options,
    IDbContextFactory<StarsDbContext> dbFactory,
    IDataProtectionProvider protection,
    IServer server,
    PracticeControl practice)
{
    internal const string TokenProtectionPurpose = "StarsStudio.BotToken.v1";

    public IDataProtector TokenProtector => protection.CreateProtector(TokenProtectionPurpose);

    public async Task<BotConnection> ResolveAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!string.IsNullOrWhiteSpace(o.BotToken))
            return new BotConnection(o.BotToken.Trim(), NullIfEmpty(o.ApiBaseUrl), o.UseTestEnvironment, false, o.Mode, o.WebhookUrl, o.WebhookSecret);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.BotSettings.SingleAsync(ct);
        if (settings.ProtectedBotToken is { } protectedToken)
        {
            string? token = null;
            try { token = TokenProtector.Unprotect(protectedToken); }
            catch (CryptographicException) { /* keys lost: fall through to practice and say so on the Settings page */ }
            if (token is not null)
                return new BotConnection(token, NullIfEmpty(o.ApiBaseUrl), o.UseTestEnvironment, false, o.Mode, o.WebhookUrl, o.WebhookSecret);
        }

        if (settings.PracticeBotToken is null)
        {
            settings.PracticeBotToken = $"{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999)}:practice_{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}";
            await db.SaveChangesAsync(ct);
        }
        // The emulator answers only tokens it was given, as Telegram knows only bots BotFather made: register the
        // practice token before the bot loop's first getMe. Idempotent, so every resolve (restarts too) may do it.
        await practice.EnsureBotAsync(settings.PracticeBotToken, ct);
        // Practice polls the emulator; a webhook would need the app to call itself, which proves nothing.
        return new BotConnection(settings.PracticeBotToken, PracticeApiBaseUrl(), false, true, BotMode.Polling, null, null);
    }

    /// <summary>The emulator's base URL: this app's own loopback address plus /practice.</summary>
    public string PracticeApiBaseUrl()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The app is not listening on any address yet.");
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost"));
        return $"{uri.Scheme}://{(uri.IsLoopback ? uri.Host : "localhost")}:{uri.Port}/practice";
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
