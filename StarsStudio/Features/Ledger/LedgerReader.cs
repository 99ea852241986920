using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Reminders;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Ledger;

/// <summary>
/// Copies the bot's Star transactions into the ledger, incrementally: it remembers how far it got
/// (<see cref="LedgerCursor"/>) and asks only for what is new plus a short overlap, 100 a time. Each page is stored
/// in its own short transaction, so a read of a million transactions never holds the database, and a 429 is
/// waited out and the same page asked again. A read cut short resumes from the last stored page.
/// </summary>
public sealed class LedgerReader(
    IDbContextFactory<StarsDbContext> dbFactory,
    IOptionsMonitor<LedgerOptions> options,
    TimeProvider clock,
    ILogger<LedgerReader> logger)
{
    public const int PageSize = 100;
    /// <summary>Ten million transactions: stops a runaway loop if the API kept returning full pages.</summary>
    public const int MaxPages = 100_000;
    /// <summary>A paid broadcast is charged while it sends; Telegram may list the charge a little after the last message.</summary>
    private static readonly TimeSpan BroadcastSlack = TimeSpan.FromMinutes(5);

    private LedgerProgress progress = new(false, false, 0, 0, null, null, null);
    public LedgerProgress Progress => progress;
    /// <summary>Raised as a read goes on, for open ledger pages.</summary>
    public event Action? Changed;

    public async Task<LedgerReadResult> ReadAsync(RunningBot bot, bool rebuild, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var startedAt = clock.GetUtcNow();
        Report(new(true, rebuild, 0, 0, null, startedAt, null));
        int read = 0, added = 0, pages = 0, waits = 0, known = 0;
        var complete = false;
        try
        {
            if (rebuild) await ForgetAsync(bot.BotId, ct);
            int offset;
            // Newest first, a run of known transactions means the rest is known only if an earlier read got to the
            // end; after a read cut short, the older part it never reached still has to be read.
            bool stopAtKnown;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var cursor = await db.LedgerCursors.AsNoTracking().FirstOrDefaultAsync(c => c.BotId == bot.BotId, ct);
                offset = settings.TelegramListsNewestFirst ? 0 : Math.Max(0, (cursor?.NextOffset ?? 0) - settings.Overlap);
                stopAtKnown = settings.TelegramListsNewestFirst && !rebuild && cursor?.CompleteAt is not null;
                // New ones sit above the known ones: if this read is cut short, the gap below what it stored is only
                // found by reading to the end next time, so the ledger counts as incomplete until this read ends.
                if (stopAtKnown)
                    await db.LedgerCursors.Where(c => c.BotId == bot.BotId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CompleteAt, (DateTimeOffset?)null), ct);
            }
            for (var page = 0; page < MaxPages; page++)
            {
                var (json, waited) = await FetchAsync(bot, offset, settings, ct);
                waits += waited;
                var readAt = clock.GetUtcNow();
                var transactions = json.TryGetProperty("transactions", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(t => StarTransactionClassifier.Classify(t, bot.BotId, readAt)).ToList()
                    : [];
                pages++;
                var stored = await StoreAsync(bot.BotId, transactions, offset + transactions.Count, settings.TelegramListsNewestFirst, ct);
                read += transactions.Count;
                added += stored;
                known += transactions.Count - stored;
                offset += transactions.Count;
                Report(progress with { Read = read, Added = added, WaitingFor = null });
                if (transactions.Count < PageSize) { complete = true; break; }
                // Newest first: new transactions are at the top; once a run of known ones is reached, the rest is known.
                if (stopAtKnown && known >= Math.Max(1, settings.Overlap)) { complete = true; break; }
            }
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (complete)
                    await db.LedgerCursors.Where(c => c.BotId == bot.BotId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CompleteAt, startedAt), ct);
                await MatchBroadcastsAsync(db, bot.BotId, ct);
            }
            logger.LogInformation("Ledger: read {Read} Star transactions in {Pages} page(s), {Added} new, {Waits} rate-limit wait(s)", read, pages, added, waits);
            Report(new(false, false, read, added, null, startedAt, null));
            return new(read, added, pages, waits, complete);
        }
        catch (Exception e)
        {
            Report(new(false, false, read, added, null, startedAt, e is OperationCanceledException ? null : $"The read stopped after {read} transaction(s): {e.Message}. The next read resumes where it stopped."));
            throw;
        }
    }

    /// <summary>"Rebuild from scratch": the bot's entries and its position go, and the next read starts at the beginning.</summary>
    private async Task ForgetAsync(long botId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.LedgerEntries.Where(e => e.BotId == botId).ExecuteDeleteAsync(ct);
        await db.LedgerCursors.Where(c => c.BotId == botId).ExecuteDeleteAsync(ct);
    }

    private async Task<(JsonElement Page, int Waits)> FetchAsync(RunningBot bot, int offset, LedgerOptions settings, CancellationToken ct)
    {
        for (var waits = 0; ; waits++)
        {
            try
            {
                return (await bot.Client.SendRequest(new RawStarTransactionsRequest { Offset = offset, Limit = PageSize }, ct), waits);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && waits < settings.MaxRateLimitWaits
                                                && (e.Parameters?.RetryAfter ?? 1) <= settings.MaxRetryAfterSeconds)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                logger.LogInformation("Ledger: Telegram asked to wait {Wait} at offset {Offset}; resuming after it", wait, offset);
                Report(progress with { WaitingFor = $"Telegram asked to wait {wait.TotalSeconds:0} s; the read resumes at transaction {offset + 1}." });
                await Task.Delay(wait, clock, ct);
            }
        }
    }

    /// <summary>Stores the page's new entries and moves the cursor past it, in one transaction; returns how many were new.</summary>
    private async Task<int> StoreAsync(long botId, List<LedgerEntry> page, int nextOffset, bool newestFirst, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ids = page.Select(t => t.TransactionId).Distinct().ToList();
            var existing = (await db.LedgerEntries.Where(e => e.BotId == botId && ids.Contains(e.TransactionId))
                .Select(e => new { e.TransactionId, e.Outgoing }).ToListAsync(ct)).Select(e => (e.TransactionId, e.Outgoing)).ToHashSet();
            var fresh = page.Where(t => existing.Add((t.TransactionId, t.Outgoing))).ToList();
            db.LedgerEntries.AddRange(fresh);
            var cursor = await db.LedgerCursors.FirstOrDefaultAsync(c => c.BotId == botId, ct);
            if (cursor is null) db.LedgerCursors.Add(cursor = new LedgerCursor { BotId = botId });
            if (!newestFirst) cursor.NextOffset = Math.Max(cursor.NextOffset, nextOffset);
            cursor.LastReadAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(ct);
                return fresh.Count;
            }
            // Another instance stored the same page between our read and write: read what it stored and try again.
            catch (DbUpdateException e) when (attempt < 3 && DbErrors.IsUniqueViolation(e)) { }
        }
    }

    /// <summary>Ties paid-broadcast charges (telegram_api) to the paid-broadcast reminder that was sending at the time.</summary>
    private async Task MatchBroadcastsAsync(StarsDbContext db, long botId, CancellationToken ct)
    {
        var open = await db.LedgerEntries.Where(e => e.BotId == botId && e.Kind == LedgerKind.PaidBroadcast && e.ReminderId == null).ToListAsync(ct);
        if (open.Count == 0) return;
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.PaidBroadcast && r.BotId == botId && r.StartedAt != null)
            .Select(r => new { r.Id, r.StartedAt, r.FinishedAt }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var entry in open)
        {
            var match = reminders.Where(r => r.StartedAt!.Value.AddSeconds(-1) <= entry.At && entry.At <= (r.FinishedAt ?? now) + BroadcastSlack)
                .OrderByDescending(r => r.StartedAt).FirstOrDefault();
            if (match is not null) entry.ReminderId = match.Id;
        }
        await db.SaveChangesAsync(ct);
    }

    private void Report(LedgerProgress now)
    {
        progress = now;
        Changed?.Invoke();
    }
}
