using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Drill staff: buyers buy through a faulty Bot API while support staff refund, redeliver and mark resolved
/// random orders at the same moments, double clicks included. Judged on the lifecycle's promises: no job left
/// behind, a refunded order holds nothing, every refund Telegram made is recorded, and the Stars add up.
/// </summary>
public static class StaffDrill
{
    private const string Staff = "staff-drill@rehearsal.local";

    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Buyers = Math.Min(o.Buyers, 200), Floor = false, Faults = o.Faults > 0 ? o.Faults : 0.1 };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var actions = await Benchmark.SeedCatalogAsync(host, ["credits", "command", "text"]);
            var buyers = await Benchmark.CreateBuyersAsync(control, host.BotId, options.Buyers, 10_000);
            await output.WriteLineAsync($"Drill staff: {options.Buyers} buyers, {options.Faults:P0} Bot API faults, staff acting on random orders …");
            await control.SetRandomFaultsAsync(host.BotId, options.Faults);
            var before = await control.GetBotAsync(host.BotId);
            await control.ResetRehearsalStatsAsync(host.BotId);
            var m = new Measurements();
            using var chats = new ChatWaiter(control, host.BotId);
            using var buying = new CancellationTokenSource();
            var staff = new StaffActivity();
            var staffLoop = Task.Run(() => ActAsync(host, staff, new Random(options.Seed ?? Environment.TickCount), buying.Token));
            var seconds = await Benchmark.DriveAsync(options, buyers,
                (buyer, i) => BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, buyer, actions[i % actions.Count].Slug, m, CancellationToken.None),
                RehearsalCommand.Progress(options.Buyers, output), CancellationToken.None);
            await buying.CancelAsync();
            await staffLoop;
            await control.SetRandomFaultsAsync(host.BotId, 0);

            var run = await Benchmark.SummarizeAsync("StarsStudio", control, host.BotId, options.Buyers, m, seconds, before);
            var invariants = await CheckAsync(host, staff);
            invariants.Add(await Drills.StillWorksAsync(host.Control, host.BotId, actions[0].Slug));
            await output.WriteLineAsync(staff.ToString());
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), run, null, invariants,
                new Dictionary<string, string> { ["drill"] = "staff refunds, redeliveries and resolves racing buyers and deliveries", ["staff"] = staff.ToString() },
                RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    /// <summary>What staff did, and anything that threw (a staff action must answer, never throw).</summary>
    private sealed class StaffActivity
    {
        public int Refunds, Redeliveries, Resolves, DoubleClicks;
        public List<string> Crashes { get; } = [];
        public override string ToString() => $"staff: {Refunds} refunds, {Redeliveries} redeliveries, {Resolves} resolves, {DoubleClicks} double clicks, {Crashes.Count} crashed";
    }

    private static async Task ActAsync(RehearsalHost host, StaffActivity staff, Random random, CancellationToken ct)
    {
        var refunds = host.Service<RefundService>();
        var support = host.Service<OrderSupportService>();
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(random.Next(100, 400), ct); }
            catch (OperationCanceledException) { return; }
            long[] paid;
            await using (var db = await host.DbAsync())
                paid = await db.Orders.AsNoTracking().Where(o => o.ChargeId != null).Select(o => o.Id).ToArrayAsync(CancellationToken.None);
            if (paid.Length == 0) continue;
            var orderId = paid[random.Next(paid.Length)];
            var clicks = random.NextDouble() < 0.3 ? 2 : 1;
            if (clicks == 2) Interlocked.Increment(ref staff.DoubleClicks);
            Func<Task> act = random.Next(5) switch
            {
                0 => () => { Interlocked.Increment(ref staff.Refunds); return refunds.RefundOrderAsync(orderId, Staff, "drill", acceptShortfall: true); },
                1 or 2 => () => { Interlocked.Increment(ref staff.Redeliveries); return support.RedeliverAsync(orderId, Staff, "drill"); },
                _ => () => { Interlocked.Increment(ref staff.Resolves); return support.MarkResolvedAsync(orderId, Staff, "drill"); },
            };
            try { await Task.WhenAll(Enumerable.Range(0, clicks).Select(_ => Task.Run(act))); }
            catch (Exception e) { lock (staff.Crashes) staff.Crashes.Add($"order {orderId}: {e.GetType().Name}: {e.Message}"); }
        }
    }

    private static async Task<List<InvariantResult>> CheckAsync(RehearsalHost host, StaffActivity staff)
    {
        var results = new List<InvariantResult>
        {
            new("staff actions answered", staff.Crashes.Count == 0, staff.Crashes.Count == 0 ? staff.ToString() : string.Join("; ", staff.Crashes.Take(5))),
        };
        var quiet = await Invariants.WaitForQuietAsync(host, TimeSpan.FromMinutes(3));
        await using var db = await host.DbAsync();
        var stranded = await db.DeliveryJobs.CountAsync(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running);
        var midway = await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Delivering);
        results.Add(new("no job stranded", quiet && stranded == 0 && midway == 0, $"{stranded} jobs pending or running, {midway} orders paid but not delivered"));

        var refunded = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Refunded).Select(o => o.Id).ToListAsync();
        var liveCredits = await db.CreditGrants.CountAsync(g => refunded.Contains(g.OrderId) && g.RevokedAt == null && g.Remaining > 0);
        var liveUses = await db.CommandEntitlements.CountAsync(e => refunded.Contains(e.OrderId) && e.RevokedAt == null && e.UsesLeft > 0);
        results.Add(new("a refunded order holds no credits or uses", liveCredits == 0 && liveUses == 0,
            $"{refunded.Count} refunded orders; still holding credits: {liveCredits}, uses: {liveUses}"));

        var ledger = await host.Control.TransactionsAsync(host.BotId);
        var refundedAtTelegram = ledger.Where(t => t.Refund).Select(t => t.Id).ToHashSet();
        var payments = await db.Payments.AsNoTracking().ToListAsync();
        var unrecorded = refundedAtTelegram.Count(id => payments.FirstOrDefault(p => p.ChargeId == id) is not { RefundedAt: not null });
        var orderNotRefunded = await db.Orders.CountAsync(o => o.ChargeId != null && refundedAtTelegram.Contains(o.ChargeId) && o.Status != OrderStatus.Refunded);
        results.Add(new("every refund Telegram made is recorded", unrecorded == 0 && orderNotRefunded == 0,
            $"{refundedAtTelegram.Count} refunds at Telegram; payment not marked refunded: {unrecorded}; order not refunded: {orderNotRefunded}"));

        var charged = ledger.Where(t => !t.Refund).Sum(t => t.Amount) - ledger.Where(t => t.Refund).Sum(t => t.Amount);
        var net = payments.Sum(p => p.TotalAmount) - payments.Where(p => p.RefundedAt != null).Sum(p => p.TotalAmount);
        results.Add(new("Stars charged − refunded at Telegram = net recorded", charged == net, $"Telegram ⭐{charged}, recorded ⭐{net}"));

        var doubleGrants = await db.CreditGrants.GroupBy(g => g.OrderId).CountAsync(g => g.Count() > 1)
                           + await db.CommandEntitlements.GroupBy(g => g.OrderId).CountAsync(g => g.Count() > 1);
        results.Add(new("nothing granted twice", doubleGrants == 0, $"{doubleGrants} orders with more than one grant"));
        return results;
    }
}
