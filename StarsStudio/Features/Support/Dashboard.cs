using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// The home dashboard's numbers: Stars over time, orders by status, a funnel per action, and what needs attention —
/// for one data view, so practice rehearsals never inflate real sales.
/// </summary>
public sealed class Dashboard(IDbContextFactory<StarsDbContext> dbFactory, BotScopes scopes, TimeProvider clock)
{
    public async Task<DashboardData> LoadAsync(DataView view, TimeZoneInfo zone, bool byWeek, int periods = 30, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = scope.Orders(db.Orders.AsNoTracking());
        var payments = scope.Payments(db.Payments.AsNoTracking());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var step = byWeek ? 7 : 1;
        var firstDay = byWeek ? today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * (periods - 1)) : today.AddDays(-(periods - 1));
        var since = OrderQuery.StartOfDay(firstDay, zone);

        var paid = await payments.Where(p => p.Match == PaymentMatch.Matched && p.ReceivedAt >= since)
            .Select(p => new { p.ReceivedAt, p.TotalAmount }).ToListAsync(ct);
        var refunds = await payments.Where(p => p.RefundedAt != null && p.RefundedAt >= since)
            .Select(p => new { At = p.RefundedAt!.Value, p.TotalAmount }).ToListAsync(ct);
        int Bucket(DateTimeOffset at) => (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime).DayNumber - firstDay.DayNumber) / step;
        var gross = new long[periods];
        var refunded = new long[periods];
        foreach (var p in paid) { var i = Bucket(p.ReceivedAt); if (i >= 0 && i < periods) gross[i] += p.TotalAmount; }
        foreach (var r in refunds) { var i = Bucket(r.At); if (i >= 0 && i < periods) refunded[i] += r.TotalAmount; }
        var points = Enumerable.Range(0, periods).Select(i => new EarningsPoint(firstDay.AddDays(i * step), gross[i], refunded[i])).ToList();

        var byStatus = await orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var funnel = await orders.GroupBy(o => o.ActionId).Select(g => new
        {
            ActionId = g.Key,
            Invoiced = g.Count(o => o.Status != OrderStatus.Created),
            Approved = g.Count(o => o.ApprovedAt != null),
            Paid = g.Count(o => o.PaidAt != null),
            Delivered = g.Count(o => o.DeliveredAt != null),
        }).ToListAsync(ct);
        var names = await db.PaidActions.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        var attention = new List<AttentionItem>();
        foreach (var o in await orders.Where(o => o.Status == OrderStatus.DeliveryFailed && !o.Resolved)
                     .OrderByDescending(o => o.CreatedAt).Take(10).ToListAsync(ct))
            attention.Add(new("Failed delivery", $"{o.Code}: {o.Problem ?? "delivery failed"}", $"/orders/{o.Id}"));
        // The inbox opens in the same data view as this list.
        var inbox = scope.IsPractice ? "/support?data=practice" : "/support";
        var openRequests = await scope.Where(db.SupportRequests, r => r.BotId).CountAsync(r => r.Status == SupportRequestStatus.Open, ct);
        if (openRequests > 0) attention.Add(new("Support", $"{openRequests} support request{(openRequests == 1 ? "" : "s")} waiting for an answer", inbox));
        var unmatched = await payments.CountAsync(p => p.Match != PaymentMatch.Matched && !p.Resolved, ct);
        if (unmatched > 0) attention.Add(new("Payment", $"{unmatched} payment{(unmatched == 1 ? "" : "s")} matching no open order", inbox));
        // Each finding carries the bot whose ledger it came from.
        var findings = await scope.Where(db.ReconciliationFindings, f => f.BotId).CountAsync(f => f.ResolvedAt == null, ct);
        if (findings > 0) attention.Add(new("Reconciliation", $"{findings} difference{(findings == 1 ? "" : "s")} between Telegram and our records", inbox));

        return new(points, gross.Sum(), refunded.Sum(), byStatus,
            [.. funnel.OrderByDescending(f => f.Paid).Select(f => new FunnelRow(f.ActionId, names.GetValueOrDefault(f.ActionId) ?? $"action {f.ActionId}", f.Invoiced, f.Approved, f.Paid, f.Delivered))],
            attention);
    }
}
