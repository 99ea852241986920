using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Support;

namespace StarsStudio.Rehearsal;

/// <summary>
/// `drill ledger`: the emulator's bot holds N Star transactions (paid media, gifts, paid-broadcast charges; default a
/// million) and reconciliation reads them all, 100 a page, while buyers keep buying and staff keep the ledger page
/// open. Invariants: every transaction is in the ledger once, a purchase completed and the ledger page answered
/// while the read was going on, and a second read fetches only what is new.
/// </summary>
public static class LedgerDrill
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Floor = false };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var actions = await Benchmark.SeedCatalogAsync(host, ["credits"]);
            var count = options.Transactions;
            await output.WriteLineAsync($"Drill ledger: seeding {count:N0} Star transactions in the emulator …");
            var seeding = Stopwatch.StartNew();
            await control.AddManyTransactionsAsync(host.BotId, count);
            var seedSeconds = seeding.Elapsed.TotalSeconds;

            await output.WriteLineAsync("  reconciling while buyers buy and staff read the ledger page …");
            var reader = host.Service<LedgerReader>();
            var watch = Stopwatch.StartNew();
            var reconciliation = Task.Run(() => host.Service<ReconciliationService>().RunAsync("rehearsal"));
            var during = new During(reconciliation);
            var buying = BuyWhileAsync(host, actions[0].Slug, during);
            var polling = PollWhileAsync(host, during);
            var heap = SampleHeapWhileAsync(reconciliation);
            var progress = ReportWhileAsync(reader, count, output, reconciliation);
            var summary = await reconciliation;
            var seconds = watch.Elapsed.TotalSeconds;
            await Task.WhenAll(buying, polling, progress);
            var peakHeapMb = await heap;

            await using var db = await host.DbAsync();
            var entries = await db.LedgerEntries.CountAsync(e => e.BotId == host.BotId);
            var seeded = await db.LedgerEntries.CountAsync(e => e.BotId == host.BotId && e.TransactionId.StartsWith("bulk"));
            var twice = await db.LedgerEntries.Where(e => e.BotId == host.BotId).GroupBy(e => new { e.TransactionId, e.Outgoing }).CountAsync(g => g.Count() > 1);
            var findings = await db.ReconciliationFindings.CountAsync(f => f.BotId == host.BotId && f.ResolvedAt == null);
            // The purchases made meanwhile may have been listed after the read passed them: the next read picks them up, and only them.
            var again = await reader.ReadAsync(host.Service<StarsStudio.Bot.BotClientAccessor>().Require(), rebuild: false, CancellationToken.None);
            var listed = await control.TransactionCountAsync(host.BotId);
            var afterAgain = await db.LedgerEntries.CountAsync(e => e.BotId == host.BotId);
            var polls = Percentiles.Summarize(during.PollMs);
            var pages = Percentiles.Summarize(during.PageMs);
            var purchases = Percentiles.Summarize(during.PurchaseMs);

            var figures = new Dictionary<string, string>
            {
                ["transactions"] = count.ToString("N0"),
                ["seeding the emulator"] = $"{seedSeconds:0} s",
                ["time to reconcile"] = $"{seconds:0.0} s ({summary.TransactionsRead:N0} read, {count / Math.Max(0.001, seconds):N0} rows/s)",
                ["peak managed heap during the read"] = $"{peakHeapMb} MB",
                ["purchases completed during the read"] = $"{during.PurchasesCompleted} (p50 {purchases.P50:0} ms, max {purchases.Max:0} ms), failed: {during.PurchaseErrors}",
                ["ledger page query during the read"] = $"{polls.Count} answered, p50 {polls.P50:0.0} ms, p95 {polls.P95:0.0} ms, max {polls.Max:0.0} ms, failed: {during.PollFailures}",
                ["dashboard page (GET /Account/Login) during the read"] = $"{pages.Count} answered, p50 {pages.P50:0.0} ms, p95 {pages.P95:0.0} ms, max {pages.Max:0.0} ms",
                ["next read"] = $"{again.Pages} page(s), {again.Added} new",
            };
            var invariants = new List<InvariantResult>
            {
                new("every seeded transaction reconciled", seeded == count, $"{seeded:N0} of {count:N0} in the ledger"),
                new("none stored twice", twice == 0, $"{twice} id+direction pairs more than once; {entries:N0} entries"),
                new("no other income became an order finding", findings == 0, $"{findings} open findings"),
                new("a purchase completed during the read", during.PurchasesCompleted > 0 && during.PurchaseErrors == 0,
                    $"{during.PurchasesCompleted} completed while reconciling, {during.PurchaseErrors} failed"),
                new("the dashboard answered during the read", polls.Count > 0 && pages.Count > 0 && during.PollFailures == 0,
                    $"ledger query {polls.Count}×, page {pages.Count}×, failures {during.PollFailures}"),
                new("the next read fetches only what is new", afterAgain == listed && again.Pages <= 2,
                    $"{afterAgain:N0} in the ledger, {listed:N0} listed by Telegram; {again.Pages} page(s)"),
            };
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), null, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    /// <summary>What happened while the reconciliation ran; things that finish after it are not counted.</summary>
    private sealed class During(Task reconciliation)
    {
        public bool Running => !reconciliation.IsCompleted;
        public ConcurrentBag<double> PollMs { get; } = [];
        public ConcurrentBag<double> PageMs { get; } = [];
        public ConcurrentBag<double> PurchaseMs { get; } = [];
        public int PurchasesCompleted;
        public int PurchaseErrors;
        public int PollFailures;
    }

    /// <summary>One buyer after another buys while the read runs (each a fresh buyer: the card, Buy, pay, the receipt).</summary>
    private static async Task BuyWhileAsync(RehearsalHost host, string slug, During during)
    {
        using var chats = new ChatWaiter(host.Control, host.BotId);
        for (var i = 0; during.Running; i++)
        {
            var buyer = (await host.Control.CreateBuyerAsync(host.BotId, $"Ledger buyer {i + 1}", null, "en", 1_000)).UserId;
            var m = new Measurements();
            await BuyerScript.RunStarsStudioAsync(host.Control, chats, host.BotId, buyer, slug, m, CancellationToken.None);
            if (!during.Running && m.Completed == 1) break; // finished after the read: proves nothing either way
            if (m.Completed == 1) { Interlocked.Increment(ref during.PurchasesCompleted); foreach (var ms in m.PurchaseMs) during.PurchaseMs.Add(ms); }
            else Interlocked.Increment(ref during.PurchaseErrors);
        }
    }

    /// <summary>Staff with /ledger open: its first page and totals (the page's queries), and a page over HTTP, twice a second.</summary>
    private static async Task PollWhileAsync(RehearsalHost host, During during)
    {
        using var _ = SqlStatementCounter.Ignore();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var query = host.Service<LedgerQuery>();
        while (during.Running)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await query.PageAsync(host.BotId, new LedgerFilter(), TimeZoneInfo.Utc, 0, 50);
                during.PollMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                using var page = await http.GetAsync("/Account/Login");
                page.EnsureSuccessStatusCode();
                during.PageMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception) { Interlocked.Increment(ref during.PollFailures); }
            await Task.Delay(PollInterval);
        }
    }

    private static async Task<long> SampleHeapWhileAsync(Task reconciliation)
    {
        long peak = 0;
        while (!reconciliation.IsCompleted)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            await Task.WhenAny(reconciliation, Task.Delay(250));
        }
        return peak / 1024 / 1024;
    }

    private static async Task ReportWhileAsync(LedgerReader reader, int count, TextWriter output, Task reconciliation)
    {
        var step = Math.Max(LedgerReader.PageSize, count / 10);
        var next = step;
        while (!reconciliation.IsCompleted)
        {
            await Task.WhenAny(reconciliation, Task.Delay(1000));
            var read = reader.Progress.Read;
            if (read < next) continue;
            await output.WriteLineAsync($"  {read:N0}/{count:N0} read ({100.0 * read / count:0}%)");
            next = (read / step + 1) * step;
        }
    }
}
