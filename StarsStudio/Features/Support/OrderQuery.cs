using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// Searches and pages orders. Every search key is an exact or prefix match on an indexed column (order code,
/// charge id, buyer id, buyer username key), so it stays instant with a million orders: no LIKE '%x%' scans.
/// </summary>
public sealed class OrderQuery(IDbContextFactory<StarsDbContext> dbFactory, BotScopes scopes)
{
    public async Task<OrderPage> PageAsync(OrderFilter filter, TimeZoneInfo zone, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await FilterAsync(db, filter, zone, ct);
        var total = await q.CountAsync(ct);
        var rows = await Project(db, q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(page * pageSize).Take(pageSize)).ToListAsync(ct);
        return new(rows, total);
    }

    /// <summary>The filtered set, newest first, read one row at a time (for the CSV export).</summary>
    public async IAsyncEnumerable<OrderRow> StreamAsync(OrderFilter filter, TimeZoneInfo zone, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await FilterAsync(db, filter, zone, ct);
        await foreach (var row in Project(db, q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    /// <summary>SQLite's query plan for one page of the filtered set: proves searches use indexes, not scans.</summary>
    public async Task<IReadOnlyList<string>> ExplainAsync(OrderFilter filter, TimeZoneInfo zone, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await FilterAsync(db, filter, zone, ct);
        var plan = new List<string>();
        foreach (var query in new[] { Project(db, q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(25)).CreateDbCommand(), q.Select(o => o.Id).CreateDbCommand() })
        {
            await db.Database.OpenConnectionAsync(ct);
            query.Connection = db.Database.GetDbConnection();
            query.CommandText = "EXPLAIN QUERY PLAN " + query.CommandText;
            await using var reader = await query.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(reader.GetOrdinal("detail")));
        }
        return plan;
    }

    private static IQueryable<OrderRow> Project(StarsDbContext db, IQueryable<Order> q) =>
        from o in q
        join b in db.Buyers on new { o.BotId, Id = o.BuyerId } equals new { b.BotId, Id = b.TelegramUserId } into buyers
        from b in buyers.DefaultIfEmpty()
        select new OrderRow(o.Id, o.Code, o.CreatedAt, o.BuyerId, b == null ? null : b.FirstName, b == null ? null : b.Username,
            o.ActionId, o.Action!.Name, o.ActionVersion, o.Stars, o.Status, o.Resolved, o.ChargeId, o.Problem,
            o.ListStars, o.PromoCodeId == null ? null : db.PromoCodes.Where(c => c.Id == o.PromoCodeId).Select(c => c.Code).FirstOrDefault(), o.BuyerLanguage);

    private async Task<IQueryable<Order>> FilterAsync(StarsDbContext db, OrderFilter f, TimeZoneInfo zone, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(f.View, ct);
        var q = scope.Orders(db.Orders.AsNoTracking());
        if (f.Status is { } status) q = q.Where(o => o.Status == status);
        if (f.ActionId is { } actionId) q = q.Where(o => o.ActionId == actionId);
        if (f.From is { } from)
        {
            var start = StartOfDay(from, zone);
            q = q.Where(o => o.CreatedAt >= start);
        }
        if (f.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            q = q.Where(o => o.CreatedAt < end);
        }
        if (f.NeedsAttention)
            q = q.Where(o => (o.Status == OrderStatus.DeliveryFailed && !o.Resolved)
                             || db.Payments.Any(p => p.OrderId == o.Id && p.Match != PaymentMatch.Matched && !p.Resolved));
        if (!string.IsNullOrWhiteSpace(f.PromoCode))
        {
            // Resolved to its id first, so the filter is an equality on the (PromoCodeId, Status) index.
            var code = f.PromoCode.Trim().ToUpperInvariant();
            var codeId = await db.PromoCodes.Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct) ?? -1;
            q = q.Where(o => o.PromoCodeId == codeId);
        }
        if (!string.IsNullOrWhiteSpace(f.Search)) q = await SearchAsync(db, q, f.Search.Trim(), ct);
        return q;
    }

    /// <summary>Midnight of a day in the creator's time zone, as a UTC moment.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone), TimeSpan.Zero);
    }

    private static async Task<IQueryable<Order>> SearchAsync(StarsDbContext db, IQueryable<Order> q, string term, CancellationToken ct)
    {
        if (term.StartsWith('@'))
        {
            var key = term[1..].ToLowerInvariant();
            var ids = await BuyerIdsByUsernameAsync(db, key, ct);
            return q.Where(o => ids.Contains(o.BuyerId));
        }
        if (long.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // A number is a buyer id; a charge id can be numeric too, so both exact keys are tried.
            return q.Where(o => o.BuyerId == number || o.ChargeId == term);
        }
        var upper = term.ToUpperInvariant();
        var codeEnd = upper + "\uffff";
        var usernameIds = await BuyerIdsByUsernameAsync(db, term.ToLowerInvariant(), ct);
        // Code prefix as a range on the unique index (LIKE 'x%' cannot use a BINARY index in SQLite).
        return q.Where(o => (string.Compare(o.Code, upper) >= 0 && string.Compare(o.Code, codeEnd) < 0)
                            || o.ChargeId == term || usernameIds.Contains(o.BuyerId));
    }

    private static async Task<List<long>> BuyerIdsByUsernameAsync(StarsDbContext db, string key, CancellationToken ct)
    {
        if (key.Length == 0) return [];
        return await db.Buyers.AsNoTracking().Where(b => b.UsernameKey == key).Select(b => b.TelegramUserId).Distinct().Take(100).ToListAsync(ct);
    }

    public static string CsvHeader => "order_code,created_local,buyer_id,buyer_name,username,action,action_version,stars,status,charge_id,problem,list_stars,promo_code,buyer_language";

    public static string CsvLine(OrderRow r, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(r.CreatedAt, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return string.Join(",", Csv(r.Code), Csv(local), r.BuyerId.ToString(CultureInfo.InvariantCulture), Csv(r.BuyerName), Csv(r.Username),
            Csv(r.ActionName), r.ActionVersion.ToString(CultureInfo.InvariantCulture), r.Stars.ToString(CultureInfo.InvariantCulture),
            Csv(r.Describe()), Csv(r.ChargeId), Csv(r.Problem),
            (r.ListStars ?? r.Stars).ToString(CultureInfo.InvariantCulture), Csv(r.PromoCode), Csv(r.BuyerLanguage));
    }

    /// <summary>RFC 4180 quoting, plus a leading quote for values a spreadsheet would run as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0) return value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    public static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<OrderRow> rows, TimeZoneInfo zone, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(CsvHeader);
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(CsvLine(row, zone));
            if (++n % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }
}
