using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// What must hold after any rehearsal or drill, checked against the app's database and the emulator's ledger:
/// Stars charged = Stars recorded; each paid order delivered exactly once; credits granted = credits sold.
/// </summary>
public static partial class Invariants
{
    /// <summary>Waits (bounded) until nothing paid is still on its way.</summary>
    public static Task<bool> WaitForQuietAsync(RehearsalHost host, TimeSpan timeout) => WaitForQuietAsync(host.DbAsync, timeout);

    /// <summary>
    /// Waits (bounded) until nothing paid is still on its way, reading the app's database through
    /// <paramref name="openDb"/> (the app's own factory, or the SQLite file of an app in another process).
    /// </summary>
    /// <param name="onlyBot">Only this bot's deliveries (a database shared by two bots, e.g. the switch drill); null = all.</param>
    public static async Task<bool> WaitForQuietAsync(Func<Task<StarsDbContext>> openDb, TimeSpan timeout, long? onlyBot = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await openDb();
            var busy = await db.DeliveryJobs.AnyAsync(j => (onlyBot == null || j.BotId == onlyBot) && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
                       || await db.Orders.AnyAsync(o => (onlyBot == null || o.BotId == onlyBot) && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Delivering));
            if (!busy) return true;
            await Task.Delay(250);
        }
        return false;
    }

    public static Task<IReadOnlyList<InvariantResult>> CheckAsync(RehearsalHost host, IReadOnlyList<long> buyers) =>
        CheckAsync(host.DbAsync, host.Control, host.BotId, buyers);

    /// <summary>
    /// The invariants for one bot: its app's database (through <paramref name="openDb"/>) against the emulator's
    /// ledger and the buyers' chats in <paramref name="control"/>.
    /// </summary>
    /// <param name="receiptOnTheWire">
    /// Orders whose delivery was running when the app was killed: a message may have been on the wire — the
    /// receipt, or the content that carries it (text, credits, commands) between Telegram's answer and the save
    /// that records it. Telegram's API has no idempotency key, so it may arrive twice — at least once is the best
    /// any bot can do there. A second receipt for any other order is a failure.
    /// </param>
    /// <param name="onlyThisBot">
    /// The database holds more than one bot's data (the switch drill): judge only <paramref name="botId"/>'s orders,
    /// payments and grants against its own ledger, and name the bot in each invariant as <paramref name="label"/>.
    /// </param>
    public static async Task<IReadOnlyList<InvariantResult>> CheckAsync(Func<Task<StarsDbContext>> openDb, PracticeControl control, long botId, IReadOnlyList<long> buyers,
        IReadOnlySet<long>? receiptOnTheWire = null, bool onlyThisBot = false, string? label = null)
    {
        receiptOnTheWire ??= new HashSet<long>();
        long? only = onlyThisBot ? botId : null;
        var results = new List<InvariantResult>();
        var quiet = await WaitForQuietAsync(openDb, TimeSpan.FromMinutes(3), only);
        results.Add(new("deliveries settled", quiet, quiet ? "no payment is still waiting for delivery" : "deliveries still pending after 3 minutes"));

        await using var db = await openDb();
        var ledger = await control.TransactionsAsync(botId);
        var charged = ledger.Where(t => !t.Refund).Sum(t => t.Amount) - ledger.Where(t => t.Refund).Sum(t => t.Amount);
        var chargeIds = ledger.Where(t => !t.Refund).Select(t => t.Id).ToHashSet();
        var payments = await db.Payments.AsNoTracking().Where(p => only == null || p.BotId == only).ToListAsync();
        // Payments Telegram never made (injected by a drill) are kept for support but are not Stars charged.
        var real = payments.Where(p => chargeIds.Contains(p.ChargeId)).ToList();
        var recorded = real.Sum(p => p.TotalAmount) - real.Where(p => p.RefundedAt != null).Sum(p => p.TotalAmount);
        var missing = chargeIds.Except(payments.Select(p => p.ChargeId)).Count();
        results.Add(new("Stars charged = Stars recorded", charged == recorded && missing == 0,
            $"emulator ledger ⭐{charged}, recorded ⭐{recorded}, charges not recorded: {missing}, recorded but unknown to Telegram: {payments.Count - real.Count}"));

        var paidOrders = await db.Orders.AsNoTracking().Where(o => o.ChargeId != null && (only == null || o.BotId == only)).ToListAsync();
        var notDelivered = paidOrders.Count(o => o.Status != OrderStatus.Delivered && o.Status != OrderStatus.Refunded);
        var receipts = new Dictionary<string, int>();
        foreach (var buyer in buyers)
            foreach (var message in await control.ChatAsync(botId, buyer))
                if (Receipts.CodeOf(message.Text) is { } code)
                    receipts[code] = receipts.GetValueOrDefault(code) + 1;
        bool ReceiptsOk(Order o)
        {
            var count = receipts.GetValueOrDefault(o.Code);
            return count == 1 || (count == 2 && receiptOnTheWire.Contains(o.Id));
        }
        var wrong = paidOrders.Where(o => o.Status == OrderStatus.Delivered && !ReceiptsOk(o)).ToList();
        var wrongCount = wrong.Count;
        var repeatedOnTheWire = paidOrders.Count(o => receiptOnTheWire.Contains(o.Id) && receipts.GetValueOrDefault(o.Code) == 2);
        // Name a few, so a failure can be followed into the order's timeline.
        var examples = wrongCount == 0 ? "" : $" ({string.Join(", ", wrong.Take(5).Select(o => $"{o.Code}: {receipts.GetValueOrDefault(o.Code)} receipts"))})";
        var grantsPerOrder = await db.CreditGrants.Where(g => only == null || g.BotId == only).GroupBy(g => g.OrderId).Where(g => g.Count() > 1).CountAsync();
        var entitlementsPerOrder = await db.CommandEntitlements.Where(g => only == null || g.BotId == only).GroupBy(g => g.OrderId).Where(g => g.Count() > 1).CountAsync();
        results.Add(new("each paid order delivered exactly once", notDelivered == 0 && wrongCount == 0 && grantsPerOrder == 0 && entitlementsPerOrder == 0,
            $"{paidOrders.Count} paid orders; not delivered: {notDelivered}; receipt count ≠ 1: {wrongCount}{examples}; double grants: {grantsPerOrder + entitlementsPerOrder}" +
            (receiptOnTheWire.Count > 0 ? $"; deliveries running at a kill (a message may have been on the wire): {receiptOnTheWire.Count}, of which a receipt arrived twice: {repeatedOnTheWire}" : "")));

        var creditOrders = paidOrders.Where(o => o.Kind == StarsStudio.Features.Catalog.ActionKind.CreditPack && o.Status == OrderStatus.Delivered).ToList();
        var versions = (await db.PaidActionVersions.AsNoTracking().ToListAsync()).ToDictionary(v => (v.ActionId, v.Version), v => v.Terms);
        var sold = creditOrders.Sum(o => versions[(o.ActionId, o.ActionVersion)].CreditAmount ?? 0);
        var granted = await db.CreditGrants.Where(g => only == null || g.BotId == only).SumAsync(g => g.Amount);
        results.Add(new("credits granted = credits sold", sold == granted, $"sold {sold}, granted {granted}"));
        return label is null ? results : [.. results.Select(r => r with { Name = $"{label}: {r.Name}" })];
    }
}
