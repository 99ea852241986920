using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Ledger;

/// <summary>Reads the ledger for its page and CSV export: filtered and paged in SQL, matched to orders by charge id.</summary>
public sealed class LedgerQuery(IDbContextFactory<StarsDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<LedgerRow> Rows, int Total)> PageAsync(long botId, LedgerFilter filter, TimeZoneInfo zone, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filtered(db, botId, filter, zone);
        var total = await entries.CountAsync(ct);
        var page = await Rows(db, entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take)).ToListAsync(ct);
        // The joins may lose the page's order; it is at most one page, so it is put back here.
        return ([.. page.OrderByDescending(r => r.Entry.At).ThenByDescending(r => r.Entry.Id)], total);
    }

    public async IAsyncEnumerable<LedgerRow> StreamAsync(long botId, LedgerFilter filter, TimeZoneInfo zone, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Rows(db, Filtered(db, botId, filter, zone).OrderBy(e => e.At).ThenBy(e => e.Id)).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    /// <summary>Stars in and out per kind per day (or week, starting Monday), newest period first.</summary>
    public async Task<IReadOnlyList<LedgerTotal>> TotalsAsync(long botId, LedgerFilter filter, TimeZoneInfo zone, bool weekly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var totals = new Dictionary<(DateOnly, LedgerKind), (long In, long Out, int Count)>();
        // Days are the creator's, so they are cut here rather than in SQL; only the four numbers per entry are read.
        await foreach (var e in Filtered(db, botId, filter, zone).Select(e => new { e.At, e.Kind, e.Outgoing, e.Amount, e.NanostarAmount }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, zone).DateTime);
            if (weekly) day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            var nanos = StarMath.ToNanostars(e.Amount, e.NanostarAmount);
            var t = totals.GetValueOrDefault((day, e.Kind));
            totals[(day, e.Kind)] = e.Outgoing ? (t.In, t.Out + nanos, t.Count + 1) : (t.In + nanos, t.Out, t.Count + 1);
        }
        return [.. totals.Select(t => new LedgerTotal(t.Key.Item1, t.Key.Item2, t.Value.In, t.Value.Out, t.Value.Count))
            .OrderByDescending(t => t.Period).ThenBy(t => t.Kind)];
    }

    /// <summary>The whole ledger of a bot summed by kind and direction, exactly (whole Stars and nanostars apart).</summary>
    public async Task<IReadOnlyDictionary<(LedgerKind Kind, bool Outgoing), long>> SumsAsync(long botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sums = await db.LedgerEntries.Where(e => e.BotId == botId).GroupBy(e => new { e.Kind, e.Outgoing })
            .Select(g => new { g.Key.Kind, g.Key.Outgoing, Amount = g.Sum(e => e.Amount), Nanos = g.Sum(e => e.NanostarAmount) }).ToListAsync(ct);
        return sums.ToDictionary(s => (s.Kind, s.Outgoing), s => StarMath.ToNanostars(s.Amount, s.Nanos));
    }

    /// <summary>Stars that came in since <paramref name="since"/>: what Telegram may still hold before they can be withdrawn.</summary>
    public async Task<long> IncomingSinceAsync(long botId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.LedgerEntries.Where(e => e.BotId == botId && !e.Outgoing && e.At >= since).GroupBy(e => 1)
            .Select(g => new { Amount = g.Sum(e => e.Amount), Nanos = g.Sum(e => e.NanostarAmount) }).FirstOrDefaultAsync(ct);
        return s is null ? 0 : StarMath.ToNanostars(s.Amount, s.Nanos);
    }

    public async Task<LedgerCursor?> CursorAsync(long botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LedgerCursors.AsNoTracking().FirstOrDefaultAsync(c => c.BotId == botId, ct);
    }

    /// <summary>What Telegram charged for one paid-broadcast reminder (its telegram_api transactions).</summary>
    public async Task<(long Nanostars, int Requests, int Charges)> BroadcastChargesAsync(int reminderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charges = await db.LedgerEntries.AsNoTracking().Where(e => e.ReminderId == reminderId && e.Kind == LedgerKind.PaidBroadcast)
            .Select(e => new { e.Amount, e.NanostarAmount, e.RequestCount, e.Outgoing }).ToListAsync(ct);
        return (charges.Sum(c => (c.Outgoing ? 1 : -1) * StarMath.ToNanostars(c.Amount, c.NanostarAmount)), charges.Sum(c => c.RequestCount ?? 0), charges.Count);
    }

    private static IQueryable<LedgerEntry> Filtered(StarsDbContext db, long botId, LedgerFilter filter, TimeZoneInfo zone)
    {
        var q = db.LedgerEntries.AsNoTracking().Where(e => e.BotId == botId);
        if (filter.Kind is { } kind) q = q.Where(e => e.Kind == kind);
        q = filter.Direction switch
        {
            LedgerDirection.In => q.Where(e => !e.Outgoing),
            LedgerDirection.Out => q.Where(e => e.Outgoing),
            LedgerDirection.Refunds => q.Where(e => e.Outgoing && (e.Kind == LedgerKind.InvoicePayment || e.Kind == LedgerKind.PaidMedia)),
            _ => q,
        };
        if (filter.From is { } from && LocalTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone) is { } start) q = q.Where(e => e.At >= start);
        if (filter.To is { } to && LocalTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone) is { } end) q = q.Where(e => e.At < end);
        if (filter.Search?.Trim() is { Length: > 0 } text)
        {
            var id = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
            q = q.Where(e => e.TransactionId.StartsWith(text) || (id != null && e.CounterpartyId == id));
        }
        return q;
    }

    private static IQueryable<LedgerRow> Rows(StarsDbContext db, IQueryable<LedgerEntry> entries) =>
        from e in entries
        join p in db.Payments on new { Id = e.TransactionId, e.BotId } equals new { Id = p.ChargeId, p.BotId } into payments
        from p in payments.DefaultIfEmpty()
        join o in db.Orders on p.OrderId equals (long?)o.Id into orders
        from o in orders.DefaultIfEmpty()
        join r in db.Reminders on e.ReminderId equals (int?)r.Id into reminders
        from r in reminders.DefaultIfEmpty()
        select new LedgerRow(e,
            e.Kind == LedgerKind.InvoicePayment && o != null ? o.Id : null,
            e.Kind == LedgerKind.InvoicePayment && o != null ? o.Code : null,
            r != null ? r.Name : null);

    public const string CsvHeader = "date,kind,direction,stars,counterparty,counterparty_id,transaction_id,order,reminder,request_count,note";

    public static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<LedgerRow> rows, TimeZoneInfo zone, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(CsvHeader);
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            var e = row.Entry;
            await writer.WriteLineAsync(string.Join(",",
                TimeZoneInfo.ConvertTime(e.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Csv(LedgerLabels.Of(e)), e.Outgoing ? "out" : "in", StarMath.Format(e.SignedNanostars), Csv(e.Counterparty),
                e.CounterpartyId?.ToString(CultureInfo.InvariantCulture) ?? "", Csv(e.TransactionId), Csv(row.OrderCode), Csv(row.ReminderName),
                e.RequestCount?.ToString(CultureInfo.InvariantCulture) ?? "", Csv(e.Note)));
            if (++n % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>Quotes a field, and defuses a leading = + - @ so a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
