using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Drill cluster: several app processes (3 by default) on one PostgreSQL database, in webhook mode behind a load
/// balancer (<see cref="WebhookBalancer"/>): each update goes to a random live instance, some to two. While buyers
/// buy and a reminder goes to a few thousand buyers, one instance at a time is killed (SIGKILL) at random moments
/// and started again — every other kill the one running the singletons (reminders, reconciliation, order
/// expiry), so their handover is exercised, not left to chance. Then: every drill invariant, every reminder recipient at most once (and everyone not cut off
/// by a kill exactly once), no singleton ever on two instances at once (<see cref="SingletonWatch"/>), and every
/// delivery that was running on a killed instance finished (its lease ran out and another claim took it).
/// Limits are off: each instance keeps its own outbound budget (README), so three instances at Telegram's
/// per-bot cap would be three times the cap.
/// </summary>
public static class ClusterDrill
{
    private const double MinUpSeconds = 2, MaxUpSeconds = 6, MinDownSeconds = 0.5, MaxDownSeconds = 2;
    private const double TwiceShare = 0.1;
    private const string ReminderWords = "Cluster drill: top up your Stars";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        if (o.PostgresServer is null) throw new RehearsalUsageException("drill cluster runs on PostgreSQL: pass --database postgres or --postgres \"<server>\".");
        var at = DateTimeOffset.UtcNow;
        var seed = o.Seed ?? Random.Shared.Next(0, int.MaxValue);
        var options = o with
        {
            Buyers = Math.Min(o.Buyers, 200), Floor = false, Seed = seed, Limits = false,
            ArrivalSeconds = o.ArrivalSeconds > 0 ? o.ArrivalSeconds : 20,
        };
        var audience = options.BroadcastBuyers ?? 2_000;
        var work = Path.Combine(Path.GetTempPath(), "stars-rehearsal", "cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        await output.WriteLineAsync($"Drill cluster: {options.Instances} app processes on one PostgreSQL behind a webhook load balancer; one killed (SIGKILL) " +
                                    $"at least {options.Kills} times while {options.Buyers} buyers buy and a reminder goes to {audience:N0} more; seed {seed} …");
        RehearsalHost? host = null;
        var instances = new List<ChildApp>();
        WebhookBalancer? balancer = null;
        SingletonWatch? watch = null;
        try
        {
            host = await RehearsalHost.StartAsync(options);
            var control = host.Control;
            var emulator = host.BaseUrl + "/practice";
            var token = RehearsalHost.NewToken();
            var botId = (await control.EnsureBotAsync(token)).BotId;

            // The install: catalog, buyers to remind and the reminder, made through the app itself on the cluster's
            // database (in this process, polling), stopped before the instances start.
            var seedDirectory = Path.Combine(work, "seed");
            var database = RehearsalHost.PostgresDatabase(options, seedDirectory)!;
            var remindees = await Benchmark.CreateBuyersAsync(control, botId, audience, 0);
            IReadOnlyList<Features.Catalog.PaidAction> actions;
            int reminderId;
            await using (var seeder = await RehearsalHost.StartAsync(options, seedDirectory, [$"--Telegram:ApiBaseUrl={emulator}"], token))
            {
                actions = await Benchmark.SeedCatalogAsync(seeder, options.Kinds);
                reminderId = await SeedReminderAsync(seeder, botId, remindees);
            }

            balancer = await WebhookBalancer.StartAsync(() => [.. instances.Where(i => i.IsRunning).Select(i => i.Url)], TwiceShare);
            var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            string[] clusterArgs =
            [
                .. RehearsalHost.PostgresArgs(database),
                "--Telegram:Mode=Webhook", $"--Telegram:WebhookUrl={balancer.WebhookUrl}", $"--Telegram:WebhookSecret={secret}",
                // A dead instance's deliveries wait out their lease before another claims them: seconds, not minutes.
                "--Delivery:LeaseSeconds=10",
                // Likewise a dead instance's reminder calls in flight settle as "interrupted" after their lease.
                "--Reminders:LeaseSeconds=10",
                // Without Telegram's limits the reminder need not be paced at the free-message cap either.
                "--Reminders:MessagesPerSecond=500",
                .. RehearsalHost.LimitArgs(options),
                // Each log line timed, and every singleton taken or lost, so a handover can be followed in the logs.
                "--Logging:Console:TimestampFormat=HH:mm:ss.fff ", "--Logging:LogLevel:StarsStudio.Data.Singletons=Information",
            ];
            for (var i = 0; i < options.Instances; i++)
            {
                // Each instance has its own data directory (its own practice.db), a copy of the seeded one: the
                // payload key and any files, as a shared mount gives every instance in production.
                var directory = Path.Combine(work, $"instance-{i + 1}");
                CopyDirectory(seedDirectory, directory);
                instances.Add(new ChildApp(directory, host.App.Environment.ContentRootPath, token, emulator, Path.Combine(work, $"instance-{i + 1}.log"), clusterArgs, database));
            }
            foreach (var instance in instances) instance.Start();
            foreach (var (instance, i) in instances.Select((x, i) => (x, i)))
                if (!await instance.WaitReadyAsync(ReadyTimeout))
                    throw new InvalidOperationException($"Instance {i + 1} did not start; its log:\n{instance.LogTail()}");

            Task<StarsDbContext> OpenDb() => instances[0].DbAsync();
            var buyers = await Benchmark.CreateBuyersAsync(control, botId, options.Buyers, 10_000);
            var before = await control.GetBotAsync(botId);
            await control.ResetRehearsalStatsAsync(botId);
            var m = new Measurements();
            var steps = new BuyerSteps();
            using var chats = new ChatWaiter(control, botId);
            var clock = Stopwatch.StartNew();
            watch = new SingletonWatch(() => [.. instances.Select((x, i) => (Instance: i + 1, x)).Where(p => p.x.IsRunning).Select(p => (p.Instance, p.x.Url))], clock);
            var driving = Benchmark.DriveAsync(options, buyers,
                (buyer, i) => BuyerScript.RunStarsStudioCrashTolerantAsync(control, chats, botId, buyer, actions[i % actions.Count].Slug, m, steps, CancellationToken.None),
                RehearsalCommand.Progress(options.Buyers, output), CancellationToken.None);
            // The reminder comes due while the first buyers buy.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using (var db = await OpenDb())
                await db.Reminders.Where(r => r.Id == reminderId).ExecuteUpdateAsync(s => s.SetProperty(r => r.SendAt, DateTimeOffset.UtcNow));

            var chaos = new ClusterChaos(instances, OpenDb, () => watch.HolderOf("reminders"), new Random(seed), options.Kills, output, clock);
            await chaos.RunAsync(async () => (steps.DoneBuying >= options.Buyers || driving.IsCompleted) && await ReminderDoneAsync(OpenDb, reminderId));
            await output.WriteLineAsync($"  buying and the reminder are over after {clock.Elapsed.TotalSeconds:0} s; no more kills …");
            var seconds = await driving;
            await WaitForReminderAsync(OpenDb, reminderId, TimeSpan.FromMinutes(3));

            var run = await Benchmark.SummarizeAsync("StarsStudio", control, botId, options.Buyers, m, seconds, before);
            var invariants = new List<InvariantResult>
            {
                new($"an instance was killed at least {options.Kills} times", chaos.Kills.Count >= options.Kills,
                    $"{chaos.Kills.Count} kills (SIGKILL) across {options.Instances} instances; seed {seed}"),
                chaos.CameBack(),
            };
            invariants.AddRange(await Invariants.CheckAsync(OpenDb, control, botId, buyers, chaos.ReceiptsOnTheWire));
            invariants.Add(await chaos.KilledJobsFinishedAsync());
            invariants.Add(await ReminderOnceAsync(OpenDb, control, botId, reminderId));
            invariants.Add(SingletonsMovedOn(chaos.Kills, watch));
            await watch.DisposeAsync();
            invariants.Add(new("no singleton ran on two instances at once", watch.Overlaps.Count == 0,
                watch.Overlaps.Count == 0
                    ? $"{watch.Rounds} rounds of /healthz on every live instance; {watch.Handovers.Count} handovers, the longest {watch.LongestGapSeconds:0.0} s without a holder"
                    : string.Join("; ", watch.Overlaps.Take(5))));
            invariants.Add(new("purchases went through the kills", m.Completed > 0,
                $"{m.Completed} of {options.Buyers} buyers got their receipt; {m.Errors.Where(e => e.Key.StartsWith("gave up")).Sum(e => e.Value)} gave up"));
            invariants.Add(chaos.AllUp
                ? await Drills.StillWorksAsync(control, botId, actions[0].Slug)
                : new InvariantResult("the update loop kept working", false, "not every instance is up after the last kill"));

            var figures = new Dictionary<string, string>
            {
                ["drill"] = $"{options.Instances} app processes, one PostgreSQL, webhook mode behind a load balancer; one instance at a time killed with SIGKILL {MinUpSeconds}–{MaxUpSeconds} s apart and started again {MinDownSeconds}–{MaxDownSeconds} s later",
                ["seed"] = $"{seed} (repeat the kill schedule with --seed {seed}; the buyers' timing still varies)",
                ["kills"] = string.Join(", ", chaos.Kills.GroupBy(k => k.Instance).OrderBy(g => g.Key).Select(g => $"instance {g.Key} ×{g.Count()}")),
                ["updates through the balancer"] = $"{balancer.Forwarded:N0}; to two instances at once {balancer.Twice:N0}; taken by another after one failed {balancer.Failovers:N0}; refused (redelivered by Telegram) {balancer.Refused:N0}",
                ["singleton handovers"] = watch.Handovers.Count == 0 ? "none" : string.Join("; ", watch.Handovers.Take(12).Select(h => h.ToString())),
                ["buyers completed"] = $"{m.Completed} of {options.Buyers} (arriving over {options.ArrivalSeconds:0} s)",
                ["reminder audience"] = $"{audience:N0} buyers who never buy, plus the buyers who started the bot before it came due",
            };
            foreach (var kill in chaos.Kills) figures[$"kill {kill.Number}"] = kill.Describe();
            for (var i = 0; i < instances.Count; i++)
            {
                var copy = Path.Combine(options.OutputDirectory, $"drill-cluster-{at:yyyyMMdd-HHmmss}-instance-{i + 1}.log");
                figures[$"instance {i + 1} log"] = copy;
            }
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), run, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally
        {
            // Every step on its own: one failing must never leave app processes running after the drill.
            for (var i = 0; i < instances.Count; i++)
            {
                await Quietly(() => instances[i].DisposeAsync().AsTask());
                await Quietly(() =>
                {
                    Directory.CreateDirectory(options.OutputDirectory);
                    File.Copy(instances[i].LogPath, Path.Combine(options.OutputDirectory, $"drill-cluster-{at:yyyyMMdd-HHmmss}-instance-{i + 1}.log"), overwrite: true);
                    return Task.CompletedTask;
                });
            }
            if (watch is not null) await Quietly(() => watch.DisposeAsync().AsTask());
            if (balancer is not null) await Quietly(() => balancer.DisposeAsync().AsTask());
            if (host is not null)
            {
                await Quietly(() => host.DisposeAsync().AsTask());
                host.DeleteData();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Each time the instance running the singletons was killed, another took them over while it was still down:
    /// its session dies with it and a waiting instance's lock request is granted then, not when it comes back.
    /// </summary>
    private static InvariantResult SingletonsMovedOn(IReadOnlyList<ClusterKill> kills, SingletonWatch watch)
    {
        var holderKills = kills.Where(k => k.HeldSingletons).ToList();
        var late = holderKills.Where(k => !watch.HandedOver(k.Instance, k.AtSeconds, k.BackUpAtSeconds ?? double.MaxValue)).ToList();
        var gap = watch.Handovers.Select(h => h.GapSeconds).DefaultIfEmpty(0).Max();
        return new("the singletons moved on while their killed instance was down", holderKills.Count > 0 && late.Count == 0,
            holderKills.Count == 0 ? "the instance running the singletons was never killed"
            : late.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"{holderKills.Count} kills of the singletons' instance, each taken over by another before it was back; longest time without a holder {gap:0.0} s")
            : string.Create(CultureInfo.InvariantCulture, $"nobody took over before the killed instance was back, after kill {string.Join(", ", late.Select(k => k.Number))}; longest time without a holder {gap:0.0} s"));
    }

    private static async Task Quietly(Func<Task> cleanup)
    {
        try { await cleanup(); }
        catch (Exception e) { Console.Error.WriteLine($"drill cluster: clean-up step failed: {e.Message}"); }
    }

    /// <summary>The audience as buyers who started the bot earlier, and a reminder to everyone due far ahead (the drill brings it forward).</summary>
    private static async Task<int> SeedReminderAsync(RehearsalHost seeder, long botId, IReadOnlyList<long> remindees)
    {
        await using (var db = await seeder.DbAsync())
        {
            var now = DateTimeOffset.UtcNow;
            db.Buyers.AddRange(remindees.Select((id, i) => new Buyer { BotId = botId, TelegramUserId = id, FirstName = $"Remindee {i + 1}", FirstSeenAt = now, LastSeenAt = now, LanguageCode = "en" }));
            await db.SaveChangesAsync();
        }
        var form = new ReminderForm
        {
            Name = "Cluster drill", Text = ReminderWords + ", {first_name}: {topup_link}", BuyButton = false,
            // Two days ahead is in the future in every time zone; the drill sets the real time once the cluster runs.
            SendAtLocal = DateTime.UtcNow.AddDays(2),
        };
        var scheduled = await seeder.Service<RemindersService>().ScheduleAsync("rehearsal", form);
        return scheduled.Succeeded ? scheduled.Reminder!.Id : throw new InvalidOperationException(scheduled.Message);
    }

    private static async Task<bool> ReminderDoneAsync(Func<Task<StarsDbContext>> openDb, int reminderId)
    {
        await using var db = await openDb();
        return await db.Reminders.AnyAsync(r => r.Id == reminderId && (r.Status == ReminderStatus.Completed || r.Status == ReminderStatus.Cancelled));
    }

    private static async Task WaitForReminderAsync(Func<Task<StarsDbContext>> openDb, int reminderId, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !await ReminderDoneAsync(openDb, reminderId)) await Task.Delay(250);
    }

    /// <summary>
    /// At most once for everyone; exactly once for everyone the broadcaster did not lose to a kill mid-call (those it
    /// marks interrupted and never resends, since Telegram's API has no idempotency key).
    /// </summary>
    private static async Task<InvariantResult> ReminderOnceAsync(Func<Task<StarsDbContext>> openDb, Features.Practice.Emulator.PracticeControl control, long botId, int reminderId)
    {
        await using var db = await openDb();
        var reminder = await db.Reminders.AsNoTracking().SingleAsync(r => r.Id == reminderId);
        var recipients = await db.ReminderRecipients.AsNoTracking().Where(x => x.ReminderId == reminderId).Select(x => new { x.ChatId, x.Status, x.Error }).ToListAsync();
        int twice = 0, missing = 0, interrupted = 0, interruptedArrived = 0;
        foreach (var r in recipients)
        {
            var got = (await control.ChatAsync(botId, r.ChatId)).Count(x => x.Text?.Contains(ReminderWords) == true);
            if (got > 1) twice++;
            var cutOff = r.Status == RecipientStatus.Failed && r.Error == RemindersBroadcaster.InterruptedError;
            if (cutOff) { interrupted++; interruptedArrived += got; }
            else if (r.Status == RecipientStatus.Sent && got != 1) missing++;
            else if (r.Status != RecipientStatus.Sent) missing++;
        }
        var ok = reminder.Status == ReminderStatus.Completed && twice == 0 && missing == 0 && recipients.Count > 0;
        return new("every reminder recipient at most once, and exactly once unless a kill cut the call off", ok,
            $"reminder {reminder.Status}; {recipients.Count:N0} recipients; twice: {twice}; not sent or not received: {missing}; " +
            $"cut off by a kill mid-call (not resent): {interrupted}, of which Telegram had delivered {interruptedArrived}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>One kill: which instance, when, and what was running there or anywhere at that moment.</summary>
    public sealed record ClusterKill(int Number, int Instance, bool HeldSingletons, double AtSeconds, int RunningJobs)
    {
        public double? BackUpSeconds { get; set; }
        /// <summary>When (drill clock) it was healthy again.</summary>
        public double? BackUpAtSeconds { get; set; }
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"instance {Instance}{(HeldSingletons ? " (running the singletons)" : "")} at {AtSeconds:0.0} s; {RunningJobs} deliveries running in the cluster; " +
            $"healthy again {(BackUpSeconds is { } s ? $"{s:0.0} s after its restart" : "never")}");
    }

    /// <summary>Kills one random instance at a time, restarts it, and remembers what was running when it died.</summary>
    /// <param name="singletonHolder">The instance (1-based) running the singletons now, if known.</param>
    private sealed class ClusterChaos(List<ChildApp> instances, Func<Task<StarsDbContext>> openDb, Func<int?> singletonHolder, Random random, int minimumKills,
        TextWriter output, Stopwatch clock)
    {
        public List<ClusterKill> Kills { get; } = [];
        public HashSet<long> ReceiptsOnTheWire { get; } = [];
        private readonly HashSet<long> runningAtKills = [];
        private readonly List<string> failures = [];
        public bool AllUp { get; private set; } = true;

        public async Task RunAsync(Func<Task<bool>> over)
        {
            // Enough kills, and (within a few more) at least one of the singletons' instance: the handover is
            // what the drill is for, and on a starved box the watch may not know the holder at an even kill.
            bool Enough() => Kills.Count >= minimumKills && (Kills.Any(k => k.HeldSingletons) || Kills.Count >= minimumKills + 4);
            while (!Enough() || !await over())
            {
                var wait = Stopwatch.StartNew();
                var up = TimeSpan.FromSeconds(MinUpSeconds + random.NextDouble() * (MaxUpSeconds - MinUpSeconds));
                while (wait.Elapsed < up && (!Enough() || !await over())) await Task.Delay(100);
                if (Enough() && await over()) break;

                var draw = random.Next(instances.Count);
                var aimAtHolder = Kills.Count % 2 == 0 || !Kills.Any(k => k.HeldSingletons);
                for (var waited = 0; aimAtHolder && singletonHolder() is null && waited < 100; waited++) await Task.Delay(100);
                var index = aimAtHolder && singletonHolder() is { } holder ? holder - 1 : draw;
                var down = TimeSpan.FromSeconds(MinDownSeconds + random.NextDouble() * (MaxDownSeconds - MinDownSeconds));
                var heldSingletons = singletonHolder() == index + 1;
                // The moment of the kill, before anything else: a handover can be seen while the rest is recorded.
                var killedAt = clock.Elapsed.TotalSeconds;
                instances[index].Kill();
                var kill = await RecordAsync(index + 1, heldSingletons, killedAt);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  kill {kill.Number}: instance {kill.Instance}{(kill.HeldSingletons ? " (running the singletons)" : "")} at {kill.AtSeconds:0.0} s; restarting in {down.TotalSeconds:0.0} s"));
                await Task.Delay(down);
                instances[index].Start();
                var restarted = Stopwatch.StartNew();
                if (await instances[index].WaitReadyAsync(ReadyTimeout))
                {
                    kill.BackUpSeconds = restarted.Elapsed.TotalSeconds;
                    kill.BackUpAtSeconds = clock.Elapsed.TotalSeconds;
                }
                else
                {
                    AllUp = false;
                    failures.Add($"instance {index + 1} (life {instances[index].Starts}) not healthy {ReadyTimeout.TotalSeconds:0} s after its restart");
                    return;
                }
            }
        }

        private async Task<ClusterKill> RecordAsync(int instance, bool heldSingletons, double killedAt)
        {
            // Which instance ran a job is not recorded, so every delivery running at the moment of a kill counts:
            // each must finish, and a message among them may have been on the wire (sent, not yet recorded): the
            // content, which carries the receipt for text, credits and commands, or the receipt itself.
            await using var db = await openDb();
            var running = await db.DeliveryJobs.AsNoTracking().Where(j => j.Status == JobStatus.Running).Select(j => new { j.Id, j.OrderId }).ToListAsync();
            foreach (var job in running)
            {
                runningAtKills.Add(job.Id);
                ReceiptsOnTheWire.Add(job.OrderId);
            }
            var kill = new ClusterKill(Kills.Count + 1, instance, heldSingletons, killedAt, running.Count);
            Kills.Add(kill);
            return kill;
        }

        public InvariantResult CameBack()
        {
            var times = Kills.Where(k => k.BackUpSeconds is not null).Select(k => k.BackUpSeconds!.Value).ToList();
            return new("every killed instance came back", AllUp && failures.Count == 0, AllUp && failures.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{Kills.Count} restarts, each healthy again (max {(times.Count == 0 ? 0 : times.Max()):0.0} s from start to healthy)")
                : string.Join("; ", failures));
        }

        public async Task<InvariantResult> KilledJobsFinishedAsync()
        {
            await using var db = await openDb();
            var ids = runningAtKills.ToList();
            var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => ids.Contains(j.Id)).Select(j => j.Status).ToListAsync();
            var unfinished = jobs.Count(s => s != JobStatus.Done);
            return new("deliveries running at a kill finished elsewhere", unfinished == 0,
                $"{ids.Count} deliveries were running when an instance died; unfinished now: {unfinished}");
        }
    }
}
