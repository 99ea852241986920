using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Bot;

/// <summary>
/// Tells practice data from live data: the practice bot is the one whose token the app made for the built-in
/// emulator (BotSettings.PracticeBotToken), and its id is the number before the token's colon.
/// </summary>
public sealed class BotScopes(IDbContextFactory<StarsDbContext> dbFactory)
{
    // The practice token is made once and never changes, so its id is read from the database only until it exists.
    private long? practiceBotId;

    public async Task<long?> PracticeBotIdAsync(CancellationToken ct = default)
    {
        if (practiceBotId is { } known) return known;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.BotSettings.AsNoTracking().Select(s => s.PracticeBotToken).SingleOrDefaultAsync(ct);
        return practiceBotId = BotIdOf(token);
    }

    public async Task<BotScope> ForAsync(DataView view, CancellationToken ct = default) => new(view, await PracticeBotIdAsync(ct));

    /// <summary>The bot id of a token ("123456:ABC…" → 123456), or null when there is no well-formed token.</summary>
    public static long? BotIdOf(string? token)
    {
        var colon = token?.IndexOf(':') ?? -1;
        return colon > 0 && long.TryParse(token!.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
