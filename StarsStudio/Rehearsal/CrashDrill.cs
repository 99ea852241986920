using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Drill crash: the app under test runs as its own process (its own data directory, its own bot token) against
/// this process's emulator, and is killed with SIGKILL at random moments while buyers buy — no shutdown, no
/// flush — then started again at once on the same data. Buyers behave as real ones do when a bot goes quiet
/// (send /start again, tap Buy again, pay again). Once every buyer has paid or given up the kills stop and the
/// app runs undisturbed until everything settles; then the invariants are checked against its database file
/// and the emulator's ledger.
/// </summary>
public static class CrashDrill
{
    /// <summary>How long a life of the app lasts once it is up, before the next kill: a uniform draw.</summary>
    public const double MinUpSeconds = 1.5, MaxUpSeconds = 5;
    /// <summary>This share of kills hits the app while it is still starting (before /healthz is green).</summary>
    public const double StartupKillShare = 0.2;
    public const double MaxStartupKillSeconds = 2.5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var seed = o.Seed ?? Random.Shared.Next(0, int.MaxValue);
        var options = o with
        {
            Buyers = Math.Min(o.Buyers, 200), Floor = false, Seed = seed,
            ArrivalSeconds = o.ArrivalSeconds > 0 ? o.ArrivalSeconds : 30,
        };
        var work = Path.Combine(Path.GetTempPath(), "stars-rehearsal", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        await output.WriteLineAsync($"Drill crash: the app runs as its own process and is killed (SIGKILL) at least {options.Kills} times " +
                                    $"while {options.Buyers} buyers buy; seed {seed} (repeat the kill schedule with --seed {seed}) …");
        var logCopy = Path.Combine(options.OutputDirectory, $"drill-crash-{at:yyyyMMdd-HHmmss}-app.log");
        var databaseCopy = Path.Combine(options.OutputDirectory, $"drill-crash-{at:yyyyMMdd-HHmmss}-app.db");
        var keepDatabase = false;
        // Torn down in the finally block in this order: the app, the emulator, the files.
        RehearsalHost? host = null;
        ChildApp? child = null;
        try
        {
            host = await RehearsalHost.StartAsync(options);
            var control = host.Control;
            // The app's Telegram.Bot client drops the /practice path; the app's own handler puts it back.
            var emulator = host.BaseUrl + "/practice";
            // Token B: the app under test. The host's own bot keeps its token and plays no part.
            var token = RehearsalHost.NewToken();
            var botId = (await control.EnsureBotAsync(token)).BotId;
            var appDirectory = Path.Combine(work, "app");

            // The catalog goes in through the real CatalogService: the app itself, in this process, on the
            // child's data directory and token, stopped again before the child's first start.
            IReadOnlyList<PaidAction> actions;
            await using (var seeder = await RehearsalHost.StartAsync(options, appDirectory, [$"--Telegram:ApiBaseUrl={emulator}"], token))
                actions = await Benchmark.SeedCatalogAsync(seeder, options.Kinds);

            child = new ChildApp(appDirectory, host.App.Environment.ContentRootPath, token, emulator, Path.Combine(work, "app.log"), RehearsalHost.LimitArgs(options));
            child.Start();
            if (!await child.WaitReadyAsync(ReadyTimeout))
                throw new InvalidOperationException($"The app did not start as its own process; its log:\n{child.LogTail()}");

            var buyers = await Benchmark.CreateBuyersAsync(control, botId, options.Buyers, 10_000);
            var before = await control.GetBotAsync(botId);
            await control.ResetRehearsalStatsAsync(botId);
            var m = new Measurements();
            var steps = new BuyerSteps();
            using var chats = new ChatWaiter(control, botId);
            var clock = Stopwatch.StartNew();
            var driving = Benchmark.DriveAsync(options, buyers,
                (buyer, i) => BuyerScript.RunStarsStudioCrashTolerantAsync(control, chats, botId, buyer, actions[i % actions.Count].Slug, m, steps, CancellationToken.None),
                RehearsalCommand.Progress(options.Buyers, output), CancellationToken.None);
            var chaos = new Chaos(child, control, botId, steps, new Random(seed), options.Kills, output, clock);
            // Kills while buyers buy; once each has paid or given up, the app runs undisturbed so deliveries settle.
            await chaos.RunAsync(() => steps.DoneBuying >= options.Buyers || driving.IsCompleted);
            await output.WriteLineAsync($"  every buyer paid or gave up after {clock.Elapsed.TotalSeconds:0} s; no more kills, the app now runs undisturbed …");
            var seconds = await driving;

            var run = await Benchmark.SummarizeAsync("StarsStudio", control, botId, options.Buyers, m, seconds, before);
            var invariants = new List<InvariantResult>
            {
                new($"the app was killed at least {options.Kills} times", chaos.Kills.Count >= options.Kills,
                    $"{chaos.Kills.Count} kills (SIGKILL), {chaos.Kills.Count(k => !k.WasReady)} of them during start-up; seed {seed}"),
                chaos.CameBack(),
            };
            var up = chaos.AppIsUp;
            invariants.AddRange(await Invariants.CheckAsync(child.DbAsync, control, botId, buyers, chaos.ReceiptsOnTheWire));
            invariants.Add(await EveryChargeMatchedAsync(child));
            invariants.Add(new("purchases went through the crashes", m.Completed > 0,
                $"{m.Completed} of {options.Buyers} buyers got their receipt; {m.Errors.Where(e => e.Key.StartsWith("gave up")).Sum(e => e.Value)} gave up"));
            invariants.Add(up
                ? await Drills.StillWorksAsync(control, botId, actions[0].Slug)
                : new InvariantResult("the update loop kept working", false, "the app is not up after the last kill"));

            var retries = m.Errors.Where(e => e.Key.StartsWith("retry")).Sum(e => e.Value);
            var figures = new Dictionary<string, string>
            {
                ["drill"] = "the app (its own process) killed with SIGKILL at random moments and started again at once",
                ["seed"] = $"{seed} (repeat the kill schedule with --seed {seed}; the buyers' timing still varies)",
                ["kills"] = $"{chaos.Kills.Count} (asked for at least {options.Kills}); each life killed {MinUpSeconds}–{MaxUpSeconds} s after it is healthy, or (share {StartupKillShare:P0}) while starting",
                ["kills by phase"] = chaos.PhaseSummary(),
                ["restarts"] = chaos.RestartSummary(),
                ["buyers completed"] = $"{m.Completed} of {options.Buyers} (arriving over {options.ArrivalSeconds:0} s)",
                ["buyer retries"] = $"{retries} (a step done again because the bot was down)",
            };
            figures["delivery messages repeated"] = await RepeatedDeliveryMessagesAsync(control, botId, buyers);
            foreach (var kill in chaos.Kills) figures[$"kill {kill.Number}"] = kill.Describe();
            figures["app log"] = logCopy;
            if (invariants.Any(i => !i.Passed))
            {
                keepDatabase = true;
                figures["app database (kept: the drill failed)"] = databaseCopy;
            }
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), run, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally
        {
            if (child is not null)
            {
                await child.DisposeAsync();
                try
                {
                    Directory.CreateDirectory(options.OutputDirectory);
                    File.Copy(child.LogPath, logCopy, overwrite: true);
                    // Stopped normally, SQLite has folded its WAL into the file; copy what is left of it anyway.
                    if (keepDatabase)
                        foreach (var suffix in new[] { "", "-wal", "-shm" })
                            if (File.Exists(child.DatabasePath + suffix)) File.Copy(child.DatabasePath + suffix, databaseCopy + suffix, overwrite: true);
                }
                catch (IOException) { }
            }
            if (host is not null)
            {
                await host.DisposeAsync();
                host.DeleteData();
            }
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Every Star charged landed on its own order: nothing paid twice, nothing unmatched (no wrong approval).</summary>
    private static async Task<InvariantResult> EveryChargeMatchedAsync(ChildApp child)
    {
        await using var db = await child.DbAsync();
        var payments = await db.Payments.AsNoTracking().Select(p => new { p.Match, p.OrderId }).ToListAsync();
        var odd = payments.Where(p => p.Match != PaymentMatch.Matched).GroupBy(p => p.Match).Select(g => $"{g.Key} {g.Count()}").ToList();
        var ordersPaidTwice = payments.Where(p => p.Match == PaymentMatch.Matched).GroupBy(p => p.OrderId).Count(g => g.Count() > 1);
        return new("no second or unmatched payment", odd.Count == 0 && ordersPaidTwice == 0,
            odd.Count == 0 && ordersPaidTwice == 0
                ? $"{payments.Count} payments, each matched to its own order"
                : $"{payments.Count} payments; needing support: {(odd.Count == 0 ? "none" : string.Join(", ", odd))}; orders matched twice: {ordersPaidTwice}");
    }

    /// <summary>
    /// A delivery cut off by a kill is attempted again; its content message (credits added, the text, the
    /// command's uses) may then reach the buyer twice — allowed ("messages may repeat on retry"), so counted here
    /// rather than judged. Receipts are judged by "each paid order delivered exactly once".
    /// </summary>
    private static async Task<string> RepeatedDeliveryMessagesAsync(PracticeControl control, long botId, IReadOnlyList<long> buyers)
    {
        int extra = 0, affected = 0, most = 0;
        foreach (var buyer in buyers)
        {
            var chat = await control.ChatAsync(botId, buyer);
            var payments = chat.Where(x => x.ServiceText?.StartsWith("You paid") == true).ToList();
            if (payments.Count != 1) continue;
            var contents = chat.Count(x => x.MessageId > payments[0].MessageId && x.Kind == Features.Practice.Data.PracticeMessageKind.FromBot
                                           && x.Invoice is null && !Receipts.IsReceipt(x.Text)
                                           && !x.Buttons.SelectMany(r => r).Any(b => b.CallbackData?.StartsWith("buy:") == true));
            if (contents > 1) { extra += contents - 1; affected++; }
            most = Math.Max(most, contents);
        }
        return extra == 0
            ? "none: every paid buyer got their content once"
            : $"{extra} extra copies for {affected} buyers (at most {most} copies of one), from deliveries cut off by a kill and attempted again";
    }

    /// <summary>What the app was doing when one kill hit it.</summary>
    public sealed record KillRecord(
        int Number, double AtSeconds, double UpSeconds, bool WasReady,
        int BuyersStarting, int BuyersBuying, int BuyersPaying, int BuyersAwaitingDelivery,
        int UnconfirmedUpdates, int DeliveriesInterrupted, int PaidNotDelivered)
    {
        /// <summary>Seconds from this kill's restart to /healthz green; null if the next life was killed during start-up too.</summary>
        public double? BackUpSeconds { get; set; }
        /// <summary>The restart after this kill never became healthy.</summary>
        public bool NeverBack { get; set; }

        public IReadOnlyList<string> Phases()
        {
            if (!WasReady) return ["start-up"];
            var phases = new List<string>();
            if (DeliveriesInterrupted > 0) phases.Add("mid-delivery");
            if (BuyersPaying > 0) phases.Add("payment in flight");
            if (UnconfirmedUpdates > 0) phases.Add("updates unconfirmed");
            if (phases.Count == 0) phases.Add("idle");
            return phases;
        }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"at {AtSeconds:0.0} s, {UpSeconds:0.0} s into its life: {string.Join(", ", Phases())} — buyers at /start {BuyersStarting}, Buy {BuyersBuying}, Pay {BuyersPaying}, " +
            $"awaiting delivery {BuyersAwaitingDelivery}; {UnconfirmedUpdates} updates unconfirmed; {DeliveriesInterrupted} deliveries interrupted; " +
            $"{PaidNotDelivered} paid orders not yet delivered; {(BackUpSeconds is { } s ? $"back up in {s:0.0} s" : NeverBack ? "did not come back" : "killed again during start-up")}");
    }

    /// <summary>The kill loop: kills, restarts, and what each kill interrupted.</summary>
    private sealed class Chaos(ChildApp child, PracticeControl control, long botId, BuyerSteps steps, Random random, int minimumKills, TextWriter output, Stopwatch clock)
    {
        public List<KillRecord> Kills { get; } = [];
        /// <summary>Orders whose receipt a kill may have cut off after it reached Telegram (see Invariants.CheckAsync).</summary>
        public HashSet<long> ReceiptsOnTheWire { get; } = [];
        private readonly List<string> failures = [];
        private KillRecord? awaitingRestart;
        public bool AppIsUp { get; private set; } = true;

        /// <param name="buyingOver">True once no buyer is still buying: then no more kills (after the minimum).</param>
        public async Task RunAsync(Func<bool> buyingOver)
        {
            var launched = Stopwatch.StartNew();
            var ready = true; // the first life was awaited before the buyers came
            while (!Over())
            {
                // The draws come in a fixed order, so a seed gives the same schedule.
                var duringStartup = Kills.Count > 0 && random.NextDouble() < StartupKillShare;
                var draw = random.NextDouble();
                TimeSpan wait;
                Stopwatch since;
                if (duringStartup)
                {
                    wait = TimeSpan.FromSeconds(0.2 + draw * (MaxStartupKillSeconds - 0.2));
                    since = launched;
                }
                else
                {
                    if (!ready && !await AwaitReadyAsync(launched)) return;
                    ready = true;
                    wait = TimeSpan.FromSeconds(MinUpSeconds + draw * (MaxUpSeconds - MinUpSeconds));
                    since = Stopwatch.StartNew();
                }
                while (since.Elapsed < wait && !Over())
                {
                    await Task.Delay(50);
                    // A start-up kill may come after the app is healthy after all: then it came back, and when.
                    if (!ready && await child.IsHealthyAsync()) { ready = true; BackUp(launched); }
                }
                if (Over()) break;

                await KillAsync(launched.Elapsed.TotalSeconds, ready);
                child.Start();
                launched = Stopwatch.StartNew();
                ready = false;
            }
            if (!ready) await AwaitReadyAsync(launched);
            bool Over() => Kills.Count >= minimumKills && buyingOver();
        }

        private async Task<bool> AwaitReadyAsync(Stopwatch launched)
        {
            if (await child.WaitReadyAsync(ReadyTimeout))
            {
                BackUp(launched);
                return true;
            }
            AppIsUp = false;
            if (awaitingRestart is not null) awaitingRestart.NeverBack = true;
            var why = child.IsRunning ? $"still not healthy {ReadyTimeout.TotalSeconds:0} s after its start" : "the process exited by itself";
            failures.Add($"life {child.Starts}: {why}{await MigrationLockAsync()}; see the app log");
            await output.WriteLineAsync($"  the app did not come back: {failures[^1]}; the end of its log:\n{child.LogTail(12)}");
            return false;
        }

        private void BackUp(Stopwatch launched)
        {
            if (awaitingRestart is not null) awaitingRestart.BackUpSeconds = launched.Elapsed.TotalSeconds;
            awaitingRestart = null;
        }

        /// <summary>EF Core's SQLite migration lock is a row; a kill while it is held leaves it behind for every later start.</summary>
        private async Task<string> MigrationLockAsync()
        {
            try
            {
                await using var connection = new SqliteConnection($"Data Source={child.DatabasePath};Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsLock";
                var rows = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                return rows > 0 ? $" (a stale row in __EFMigrationsLock: EF Core's migration lock was held when the app was killed)" : "";
            }
            catch (SqliteException) { return ""; }
        }

        private async Task KillAsync(double upSeconds, bool wasReady)
        {
            int unconfirmed;
            try { unconfirmed = (await control.GetBotAsync(botId)).PendingUpdates; } catch (PracticeControlException) { unconfirmed = -1; }
            var starting = steps[BuyerStep.Start];
            var buying = steps[BuyerStep.Buy];
            var paying = steps[BuyerStep.Pay];
            var awaiting = steps[BuyerStep.AwaitDelivery];
            child.Kill();
            // The dead process can change nothing now: what it left half done is on disk.
            int interrupted, paidNotDelivered;
            await using (var db = await child.DbAsync())
            {
                interrupted = await db.DeliveryJobs.CountAsync(j => j.Status == JobStatus.Running);
                // A running delivery may have had a message on the wire: the content (for text, credits and commands
                // it carries the receipt) between Telegram's answer and the save that records it, or the receipt.
                foreach (var orderId in await db.DeliveryJobs.Where(j => j.Status == JobStatus.Running).Select(j => j.OrderId).ToListAsync())
                    ReceiptsOnTheWire.Add(orderId);
                paidNotDelivered = await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Delivering);
            }
            var kill = new KillRecord(Kills.Count + 1, clock.Elapsed.TotalSeconds, upSeconds, wasReady, starting, buying, paying, awaiting, unconfirmed, interrupted, paidNotDelivered);
            Kills.Add(kill);
            awaitingRestart = kill;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  kill {kill.Number} at {kill.AtSeconds:0.0} s ({kill.UpSeconds:0.0} s into its life): {string.Join(", ", kill.Phases())}; restarting"));
        }

        public InvariantResult CameBack()
        {
            var times = Kills.Where(k => k.BackUpSeconds is not null).Select(k => k.BackUpSeconds!.Value).ToList();
            var ok = failures.Count == 0 && AppIsUp;
            return new("the app came back after every kill", ok, ok
                ? string.Create(CultureInfo.InvariantCulture, $"{child.Starts - 1} restarts on the same data, each healthy again (max {(times.Count == 0 ? 0 : times.Max()):0.0} s from start to healthy)")
                : string.Join("; ", failures));
        }

        public string PhaseSummary()
        {
            var counts = Kills.SelectMany(k => k.Phases()).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
            string[] order = ["start-up", "mid-delivery", "payment in flight", "updates unconfirmed", "idle"];
            return string.Join(", ", order.Select(p => $"{p} {counts.GetValueOrDefault(p)}")) + " (a kill can be in several)";
        }

        public string RestartSummary()
        {
            var times = Kills.Where(k => k.BackUpSeconds is not null).Select(k => k.BackUpSeconds!.Value).ToList();
            return times.Count == 0
                ? $"{child.Starts - 1}"
                : string.Create(CultureInfo.InvariantCulture, $"{child.Starts - 1}; start → healthy p50 {Percentiles.Of(times, 50):0.0} s, max {times.Max():0.0} s");
        }
    }
}
