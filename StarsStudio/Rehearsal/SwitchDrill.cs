using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Features.Settings;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Drill switch: an order, its buyer, payment and delivery job belong to the bot that made them. The app starts in
/// practice (no token in configuration: its own practice bot on its own emulator). A second bot on the same
/// emulator stands for a live bot: its token is saved through the Settings service exactly as the Settings page
/// saves a BotFather token (Telegram:ApiBaseUrl points at the emulator, so a saved token reaches it), and cleared
/// again to go back to practice. In each round the running bot's buyers buy while its sendMessage/sendDocument
/// answer 500 for a while, so their deliveries are retrying; the bot loop is restarted mid-payment, and once the
/// round's deliveries have failed their first attempt the bot is switched. After the last round each bot runs in
/// turn until its work is done, then the app goes back to practice and the invariants are checked per bot.
/// </summary>
public static partial class SwitchDrill
{
    private const string Actor = "rehearsal";
    private static readonly TimeSpan SwitchTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AttemptedTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);


    /// <summary>One of the two bots the app is switched between.</summary>
    private sealed record DrillBot(string Name, long Id, bool IsPractice, List<long> Buyers, ChatWaiter Chats);

    /// <summary>One switch: what the bot being left still had to deliver at that moment.</summary>
    private sealed record SwitchRecord(int Number, string From, string To, double AtSeconds, int Retrying, int InFlight, int Waiting, double TookSeconds, bool DuringBuying)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{From} → {To} at {AtSeconds:0.0} s{(DuringBuying ? "" : " (draining)")}: {From} had {Retrying} deliveries retrying after a failed attempt, " +
            $"{InFlight} in flight, {Waiting} not yet attempted; {To} running {TookSeconds:0.00} s later");
    }

    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var rounds = o.Switches + 1;
        // Every round needs buyers of its own, or nothing is retrying when it ends.
        var options = o with { Buyers = Math.Max(rounds, Math.Min(o.Buyers, 200)), Floor = false };
        await using var host = await RehearsalHost.StartAsync(options, practice: true,
            // Failed deliveries wait 20 s for their retry (not 5), so the switch reliably finds them still waiting
            // however slow the machine is; the drain waits them out.
            extraArgs: ["--Delivery:FirstRetrySeconds=20"]);
        var chatsToDispose = new List<ChatWaiter>();
        try
        {
            var control = host.Control;
            var settings = host.Service<SettingsService>();
            var accessor = host.Service<BotClientAccessor>();
            var loop = host.Service<BotHostService>();
            var actions = await Benchmark.SeedCatalogAsync(host, options.Kinds);

            var liveToken = RehearsalHost.NewToken();
            var liveId = (await control.EnsureBotAsync(liveToken)).BotId;
            var practice = new DrillBot("practice", host.BotId, true, [], new ChatWaiter(control, host.BotId));
            var live = new DrillBot("live", liveId, false, [], new ChatWaiter(control, liveId));
            chatsToDispose.AddRange([practice.Chats, live.Chats]);
            await output.WriteLineAsync($"Drill switch: {options.Buyers} buyers over {rounds} rounds; the bot is switched between practice (bot {practice.Id}) " +
                                        $"and a second bot standing for live (bot {live.Id}) {options.Switches} times while deliveries retry …");

            // The buyers of each round, made in their round's bot: virtual buyer ids differ per bot.
            var waves = new List<IReadOnlyList<long>>();
            for (var r = 0; r < rounds; r++)
            {
                var bot = r % 2 == 0 ? practice : live;
                var count = options.Buyers / rounds + (r < options.Buyers % rounds ? 1 : 0);
                var wave = await Benchmark.CreateBuyersAsync(control, bot.Id, count, 10_000);
                bot.Buyers.AddRange(wave);
                waves.Add(wave);
            }

            var m = new Measurements();
            var switches = new List<SwitchRecord>();
            var restarts = 0;
            var faultsArmed = 0;
            var faultsUnused = 0;
            int inFlightRounds = 0, inFlightCaught = 0;
            var clock = Stopwatch.StartNew();
            var progress = RehearsalCommand.Progress(options.Buyers, output);

            async Task SwitchToAsync(DrillBot from, DrillBot to, bool duringBuying)
            {
                var (retrying, inFlight, waiting) = await UnfinishedAsync(host, from.Id);
                var started = clock.Elapsed;
                if (to.IsPractice) await settings.UsePracticeAsync(Actor);
                else
                {
                    var connected = await settings.ConnectAsync(Actor, liveToken);
                    if (!connected.Succeeded) throw new InvalidOperationException("Settings did not accept the second bot's token: " + connected.Message);
                }
                await WaitRunningAsync(accessor, to.Id, previous: null);
                switches.Add(new(switches.Count + 1, from.Name, to.Name, started.TotalSeconds, retrying, inFlight, waiting, (clock.Elapsed - started).TotalSeconds, duringBuying));
            }

            for (var r = 0; r < rounds; r++)
            {
                var bot = r % 2 == 0 ? practice : live;
                var wave = waves[r];
                // 1. Each buyer of the round opens the deep link, taps Buy and gets an invoice.
                var invoices = new List<(long Buyer, int Invoice, bool File)>();
                await Parallel.ForEachAsync(Enumerable.Range(0, wave.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (i, ct) =>
                {
                    var action = actions[(r + i) % actions.Count];
                    if (await InvoiceAsync(control, bot, wave[i], action.Slug, m, ct) is { } invoice)
                        lock (invoices) invoices.Add((wave[i], invoice, action.Kind == Features.Catalog.ActionKind.File));
                });

                // 2. Break delivery: the next sends of content and receipts answer 500, about one per order. First the
                //    bot's older deliveries, due again since it came back, get their turn, so the faults hit this round's.
                await WaitNothingDueAsync(host, bot.Id);
                var files = invoices.Count(x => x.File);
                var messageFaults = Math.Max(1, invoices.Count - files);
                await control.InjectFaultAsync(bot.Id, "sendMessage", PracticeFaultKind.ServerError, messageFaults);
                if (files > 0) await control.InjectFaultAsync(bot.Id, "sendDocument", PracticeFaultKind.ServerError, files);
                faultsArmed += messageFaults + files;

                // 3. Everyone pays; once the first payment is through, the bot loop restarts (deliveries in flight).
                var paid = 0;
                var restarted = 0;
                var restartDone = Task.CompletedTask;
                await Parallel.ForEachAsync(invoices, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (x, ct) =>
                {
                    try
                    {
                        var outcome = await control.PayAsync(bot.Id, x.Buyer, x.Invoice, ct);
                        if (outcome.Status != PaymentStatus.Paid) { m.Error($"pay: {outcome.Status}"); return; }
                        Interlocked.Increment(ref paid);
                        m.Done();
                        if (Interlocked.Exchange(ref restarted, 1) == 0)
                        {
                            var before = accessor.Current;
                            loop.Restart();
                            restartDone = WaitRunningAsync(accessor, bot.Id, before);
                        }
                    }
                    catch (PracticeControlException e) { m.Error("control: " + e.Message); }
                    finally { progress.Report(1); }
                });
                for (var missing = wave.Count - invoices.Count; missing > 0; missing--) progress.Report(1);
                await restartDone;
                if (restarted == 1) restarts++;

                // 4. Wait until every paid order of the round had its first delivery attempt (most of them failed).
                await WaitAttemptedAsync(host, bot.Id, wave, paid);
                faultsUnused += await DisarmAsync(host, bot.Id);

                // 5. Switch while those deliveries wait for their retry — or, every third round, just as their retries
                //    are under way (claimed by the worker for this bot, sending through it when the app moves on).
                if (r < rounds - 1)
                {
                    if (r % 3 == 1)
                    {
                        // The retries fail once more, so whether or not the poll catches one mid-send (a retry runs
                        // for milliseconds), they are still retrying at the switch: otherwise a missed catch leaves
                        // nothing unfinished and the switch tests nothing.
                        await control.InjectFaultAsync(bot.Id, "sendMessage", PracticeFaultKind.ServerError, messageFaults);
                        if (files > 0) await control.InjectFaultAsync(bot.Id, "sendDocument", PracticeFaultKind.ServerError, files);
                        faultsArmed += messageFaults + files;
                        inFlightRounds++;
                        if (await WaitRetryInFlightAsync(host, bot.Id, wave)) inFlightCaught++;
                        faultsUnused += await DisarmAsync(host, bot.Id);
                    }
                    await SwitchToAsync(bot, r % 2 == 0 ? live : practice, duringBuying: true);
                }
            }
            var buyingSeconds = clock.Elapsed.TotalSeconds;

            // Drain: the running bot finishes its work, then the other one does, then back to practice.
            var last = rounds % 2 == 1 ? practice : live;
            var other = last == practice ? live : practice;
            var drained = new Dictionary<string, string>();
            async Task DrainAsync(DrillBot bot)
            {
                var started = clock.Elapsed;
                var quiet = await Invariants.WaitForQuietAsync(host.DbAsync, DrainTimeout, bot.Id);
                drained[bot.Name] = string.Create(CultureInfo.InvariantCulture, $"{(quiet ? "settled" : "NOT settled")} in {(clock.Elapsed - started).TotalSeconds:0.0} s");
            }
            await DrainAsync(last);
            await SwitchToAsync(last, other, duringBuying: false);
            await DrainAsync(other);
            if (other != practice) await SwitchToAsync(other, practice, duringBuying: false);

            var invariants = new List<InvariantResult>();
            var duringBuying = switches.Where(s => s.DuringBuying).ToList();
            invariants.Add(new($"the bot was switched {options.Switches} times while deliveries were retrying",
                duringBuying.Count == options.Switches && duringBuying.All(s => s.Retrying + s.InFlight > 0),
                $"{duringBuying.Count} switches while buying ({switches.Count - duringBuying.Count} more to drain), each reached its bot; " +
                $"deliveries of the bot left retrying / in flight at each: {string.Join(", ", duringBuying.Select(s => $"{s.Retrying}/{s.InFlight}"))}; " +
                $"switched as retries ran: {inFlightCaught} of {inFlightRounds} tries; bot loop also restarted {restarts} times mid-payment"));
            invariants.Add(new("both bots sold", practice.Buyers.Count > 0 && live.Buyers.Count > 0 && await PaidOrdersAsync(host, practice.Id) > 0 && await PaidOrdersAsync(host, live.Id) > 0,
                $"paid orders: practice {await PaidOrdersAsync(host, practice.Id)}, live {await PaidOrdersAsync(host, live.Id)}"));
            invariants.Add(await NothingThroughTheOtherBotAsync(host, [practice, live]));
            invariants.Add(await DataStaysWithItsBotAsync(host, [practice, live]));
            foreach (var bot in new[] { practice, live })
                invariants.AddRange(await Invariants.CheckAsync(host.DbAsync, control, bot.Id, bot.Buyers, onlyThisBot: true, label: bot.Name));
            invariants.Add(await NoJobLeftAsync(host));
            invariants.Add(await Drills.StillWorksAsync(control, practice.Id, actions[0].Slug));

            var figures = new Dictionary<string, string>
            {
                ["drill"] = "the app's bot switched between practice and a second bot (its token saved through Settings, then cleared) while deliveries retry",
                ["bots"] = $"practice {practice.Id} ({practice.Buyers.Count} buyers), live stand-in {live.Id} ({live.Buyers.Count} buyers), one emulator",
                ["buyers who paid"] = $"{m.Completed} of {options.Buyers} over {rounds} rounds ({buyingSeconds:0} s); errors: {(m.Errors.IsEmpty ? "none" : string.Join("; ", m.Errors.Select(e => $"{e.Key} ×{e.Value}")))}",
                ["faults"] = $"{faultsArmed} sends answered 500 (sendMessage/sendDocument, armed before each round's payments); unused and disarmed: {faultsUnused}",
                ["restarts of the bot loop"] = $"{switches.Count} by Settings (connect / use practice), {restarts} direct (BotHostService.Restart mid-payment)",
                ["drained (after the last round)"] = string.Join(", ", drained.Select(d => $"{d.Key} {d.Value}")),
                ["delivery attempts per job"] = await AttemptsAsync(host),
            };
            foreach (var s in switches) figures[$"switch {s.Number}"] = s.Describe();
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), null, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally
        {
            foreach (var c in chatsToDispose) c.Dispose();
            host.DeleteData();
        }
    }

    /// <summary>/start slug → invoice (or card → Buy → invoice); the invoice's message id, or null (counted as an error).</summary>
    private static async Task<int?> InvoiceAsync(PracticeControl control, DrillBot bot, long buyer, string slug, Measurements m, CancellationToken ct)
    {
        try
        {
            return (await BuyerScript.OpenInvoiceAsync(control, bot.Chats, bot.Id, buyer, slug, BuyerScript.StepTimeout, ct)).Invoice.MessageId;
        }
        catch (TimeoutException) { m.Error($"{bot.Name}: no card or invoice in time"); return null; }
        catch (PracticeControlException e) { m.Error($"{bot.Name}: control: {e.Message}"); return null; }
    }

    /// <summary>The running bot is <paramref name="botId"/>, and (after a restart of the same bot) a new loop's.</summary>
    private static async Task WaitRunningAsync(BotClientAccessor accessor, long botId, RunningBot? previous)
    {
        var deadline = DateTime.UtcNow + SwitchTimeout;
        while (accessor.Current is not { } running || running.BotId != botId || ReferenceEquals(running, previous))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app's bot did not become bot {botId} within {SwitchTimeout.TotalSeconds:0} s (running: {accessor.Current?.BotId.ToString() ?? "none"}).");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (bounded) until each of the round's paid orders has a delivery job that was attempted and is not running now.</summary>
    private static async Task WaitAttemptedAsync(RehearsalHost host, long botId, IReadOnlyList<long> wave, int paid)
    {
        var deadline = DateTime.UtcNow + AttemptedTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await host.DbAsync();
            var orders = await db.Orders.AsNoTracking().Where(o => o.BotId == botId && o.ChargeId != null && wave.Contains(o.BuyerId)).Select(o => o.Id).ToListAsync();
            var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => orders.Contains(j.OrderId)).ToListAsync();
            if (orders.Count >= paid && jobs.Count >= orders.Count && jobs.All(j => j.Attempts >= 1 && j.Status != JobStatus.Running)) return;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits (bounded) until a retry of one of the round's deliveries is claimed (Running, second attempt or later);
    /// false if none was seen before all of them had their retry. Polled tightly: a retry runs for milliseconds.
    /// </summary>
    private static async Task<bool> WaitRetryInFlightAsync(RehearsalHost host, long botId, IReadOnlyList<long> wave)
    {
        var deadline = DateTime.UtcNow + AttemptedTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await host.DbAsync();
            var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => j.BotId == botId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
                .Join(db.Orders.Where(o => wave.Contains(o.BuyerId)), j => j.OrderId, o => o.Id, (j, o) => new { j.Status, j.Attempts }).ToListAsync();
            if (jobs.Any(j => j.Status == JobStatus.Running && j.Attempts >= 2)) return true;
            // Every retry already ran (and, failing again, waits for the next): none was caught mid-send.
            if (jobs.All(j => j.Status != JobStatus.Running && j.Attempts >= 2)) return false;
            await Task.Delay(5);
        }
        return false;
    }

    /// <summary>Waits (bounded) until none of the bot's deliveries is due or running (later retries may still be scheduled).</summary>
    private static async Task WaitNothingDueAsync(RehearsalHost host, long botId)
    {
        var deadline = DateTime.UtcNow + AttemptedTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await host.DbAsync();
            var now = DateTimeOffset.UtcNow;
            var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => j.BotId == botId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
                .Select(j => new { j.Status, j.NextAttemptAt }).ToListAsync();
            if (!jobs.Any(j => j.Status == JobStatus.Running || j.NextAttemptAt <= now)) return;
            await Task.Delay(100);
        }
    }

    /// <summary>The bot's deliveries not finished: retrying after a failed attempt, running now, and not attempted yet.</summary>
    private static async Task<(int Retrying, int InFlight, int Waiting)> UnfinishedAsync(RehearsalHost host, long botId)
    {
        await using var db = await host.DbAsync();
        var jobs = await db.DeliveryJobs.AsNoTracking().Where(j => j.BotId == botId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
            .Select(j => new { j.Status, j.Attempts }).ToListAsync();
        return (jobs.Count(j => j.Status == JobStatus.Pending && j.Attempts > 0), jobs.Count(j => j.Status == JobStatus.Running), jobs.Count(j => j.Status == JobStatus.Pending && j.Attempts == 0));
    }

    /// <summary>
    /// Removes faults still armed for the bot (a payment that did not go through leaves its fault unused, which
    /// would otherwise break the next round's /start answers); returns how many sends they were armed for.
    /// </summary>
    private static async Task<int> DisarmAsync(RehearsalHost host, long botId)
    {
        var emulator = host.Service<PracticeEmulator>();
        var bot = await emulator.RequireBotAsync(botId, CancellationToken.None);
        return await emulator.UnderGateAsync(bot, () =>
        {
            var left = bot.Faults.Sum(f => f.Remaining);
            bot.Faults.Clear();
            return Task.FromResult(left);
        });
    }

    private static async Task<int> PaidOrdersAsync(RehearsalHost host, long botId)
    {
        await using var db = await host.DbAsync();
        return await db.Orders.CountAsync(o => o.BotId == botId && o.ChargeId != null);
    }

    /// <summary>
    /// Every receipt in a bot's chats (the emulator keeps chats per bot) is for an order of that bot and that
    /// buyer, and every message a bot sent went to one of its own buyers.
    /// </summary>
    private static async Task<InvariantResult> NothingThroughTheOtherBotAsync(RehearsalHost host, IReadOnlyList<DrillBot> bots)
    {
        await using var db = await host.DbAsync();
        var orders = await db.Orders.AsNoTracking().Select(o => new { o.Code, o.BotId, o.BuyerId }).ToDictionaryAsync(o => o.Code);
        var wrong = new List<string>();
        var receipts = 0;
        foreach (var bot in bots)
            foreach (var buyer in await host.Control.ListBuyersAsync(bot.Id))
                foreach (var message in await host.Control.ChatAsync(bot.Id, buyer.UserId))
                {
                    if (message.Kind != PracticeMessageKind.FromBot || Receipts.CodeOf(message.Text) is not { } code) continue;
                    receipts++;
                    var c = code;
                    if (!orders.TryGetValue(c, out var order)) wrong.Add($"{c} in {bot.Name}'s chat with {buyer.UserId}: no such order");
                    else if (order.BotId != bot.Id || order.BuyerId != buyer.UserId)
                        wrong.Add($"{c} (order of bot {order.BotId}, buyer {order.BuyerId}) in {bot.Name}'s chat with {buyer.UserId}");
                }
        var sentToStrangers = await db.DeliveryJobs.AsNoTracking().Where(j => j.LastError != null && j.LastError.Contains("chat not found")).Select(j => j.OrderId).ToListAsync();
        foreach (var id in sentToStrangers) wrong.Add($"order {id}: a delivery went to a chat its bot does not have (chat not found)");
        return new("no message for an order went out through the other bot", wrong.Count == 0,
            wrong.Count == 0 ? $"{receipts} receipts in the two bots' chats, each in its own bot's chat with its own buyer" : $"{wrong.Count} wrong: {string.Join("; ", wrong.Take(5))}");
    }

    /// <summary>Orders, payments and delivery jobs stay with the bot that made them, and each order's buyer is that bot's.</summary>
    private static async Task<InvariantResult> DataStaysWithItsBotAsync(RehearsalHost host, IReadOnlyList<DrillBot> bots)
    {
        await using var db = await host.DbAsync();
        var problems = new List<string>();
        var buyersOf = new Dictionary<long, HashSet<long>>();
        foreach (var bot in bots) buyersOf[bot.Id] = [.. (await host.Control.ListBuyersAsync(bot.Id)).Select(b => b.UserId)];
        var orders = await db.Orders.AsNoTracking().Where(o => o.ChargeId != null).Select(o => new { o.Id, o.Code, o.BotId, o.BuyerId }).ToListAsync();
        foreach (var o in orders)
            if (!buyersOf.TryGetValue(o.BotId, out var buyers) || !buyers.Contains(o.BuyerId))
                problems.Add($"{o.Code}: bot {o.BotId} has no buyer {o.BuyerId}");
        var jobs = await db.DeliveryJobs.AsNoTracking().Join(db.Orders, j => j.OrderId, o => o.Id, (j, o) => new { o.Code, JobBot = j.BotId, OrderBot = o.BotId })
            .Where(x => x.JobBot != x.OrderBot).ToListAsync();
        problems.AddRange(jobs.Select(j => $"{j.Code}: job of bot {j.JobBot}, order of bot {j.OrderBot}"));
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId != null).Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { o.Code, PaymentBot = p.BotId, OrderBot = o.BotId })
            .Where(x => x.PaymentBot != x.OrderBot).ToListAsync();
        problems.AddRange(payments.Select(p => $"{p.Code}: payment to bot {p.PaymentBot}, order of bot {p.OrderBot}"));
        return new("orders, payments and jobs stay with their bot", problems.Count == 0,
            problems.Count == 0 ? $"{orders.Count} paid orders, their payments and jobs all of the order's own bot and buyer" : $"{problems.Count} wrong: {string.Join("; ", problems.Take(5))}");
    }

    private static async Task<string> AttemptsAsync(RehearsalHost host)
    {
        await using var db = await host.DbAsync();
        var byAttempts = await db.DeliveryJobs.AsNoTracking().GroupBy(j => new { j.BotId, j.Attempts }).Select(g => new { g.Key.BotId, g.Key.Attempts, Count = g.Count() }).ToListAsync();
        return string.Join("; ", byAttempts.GroupBy(x => x.BotId).Select(b => $"bot {b.Key}: " + string.Join(", ", b.OrderBy(x => x.Attempts).Select(x => $"{x.Attempts} ×{x.Count}"))));
    }

    private static async Task<InvariantResult> NoJobLeftAsync(RehearsalHost host)
    {
        await using var db = await host.DbAsync();
        var byStatus = await db.DeliveryJobs.AsNoTracking().GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        int Of(JobStatus s) => byStatus.GetValueOrDefault(s);
        var stuck = await db.DeliveryJobs.AsNoTracking().Where(j => j.Status == JobStatus.Running || j.Status == JobStatus.Pending)
            .OrderBy(j => j.Id).Join(db.Orders, j => j.OrderId, o => o.Id, (j, o) => $"{o.Code} (bot {j.BotId}, {j.Status}, {j.Attempts} attempts, {j.LastError})").Take(5).ToListAsync();
        return new("no job left running or pending", Of(JobStatus.Running) == 0 && Of(JobStatus.Pending) == 0,
            $"done {Of(JobStatus.Done)}, failed {Of(JobStatus.Failed)}, pending {Of(JobStatus.Pending)}, running {Of(JobStatus.Running)}" +
            (stuck.Count > 0 ? ": " + string.Join("; ", stuck) : ""));
    }
}
