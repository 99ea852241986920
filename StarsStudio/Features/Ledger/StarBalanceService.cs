using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Features.Settings;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Ledger;

/// <summary>
/// The bot's Star balance from getMyStarBalance, asked at most every half minute (home and ledger pages render
/// often), and the report that sets it beside the ledger's sum.
/// </summary>
public sealed class StarBalanceService(BotClientAccessor bots, LedgerQuery ledger, SettingsService settings, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private (long BotId, long Nanostars, DateTimeOffset At)? cached;

    /// <summary>The balance in nanostars, or the reason it could not be read.</summary>
    public async Task<(long? Nanostars, string? Problem)> BalanceAsync(bool fresh = false, CancellationToken ct = default)
    {
        if (bots.Current is not { } bot) return (null, "the bot is not running");
        var now = clock.GetUtcNow();
        if (!fresh && cached is { } c && c.BotId == bot.BotId && now - c.At < CacheFor) return (c.Nanostars, null);
        try
        {
            var amount = await bot.Client.GetMyStarBalance(ct);
            var nanos = StarMath.ToNanostars(amount.Amount, amount.NanostarAmount ?? 0);
            cached = (bot.BotId, nanos, now);
            return (nanos, null);
        }
        catch (RequestException e) { return (null, e.Message); }
    }

    public async Task<BalanceReport?> ReportAsync(bool fresh = false, CancellationToken ct = default)
    {
        if (bots.Current is not { } bot) return null;
        var cursor = await ledger.CursorAsync(bot.BotId, ct);
        // A balance cached before the ledger's last read is older than the sum beside it: the "difference" would
        // only be the transactions read since, explained as money Telegram holds. Ask again instead.
        var stale = cached is { } c && c.BotId == bot.BotId && cursor?.LastReadAt > c.At;
        var (balance, problem) = await BalanceAsync(fresh || stale, ct);
        var zone = await settings.TimeZoneAsync(ct);
        var sums = await ledger.SumsAsync(bot.BotId, ct);
        var held = await ledger.IncomingSinceAsync(bot.BotId, clock.GetUtcNow() - BalanceExplanation.HoldPeriod, ct);
        return BalanceExplanation.Explain(balance, problem, sums, held, cursor, t => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm"));
    }
}
