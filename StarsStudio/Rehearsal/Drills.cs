using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// The reliability drills. Each drives buyers (or garbage) through a broken world and ends with the
/// invariants: nothing charged goes unrecorded, nothing paid is delivered twice or not at all, no bad payload
/// is approved, and the update loop keeps working.
/// </summary>
public static class Drills
{
    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output) => o.Drill switch
    {
        "duplicates" => await PurchasesDrillAsync(o, output, "every update delivered three times", (c, bot) => c.SetDeliveryCopiesAsync(bot, 3)),
        "faults" => await PurchasesDrillAsync(o with { Faults = o.Faults > 0 ? o.Faults : 0.1 }, output, "a share of Bot API calls fail with 429, 5xx or a timeout",
            (c, bot) => c.SetRandomFaultsAsync(bot, o.Faults > 0 ? o.Faults : 0.1)),
        "badinput" => await BadInputDrillAsync(o, output),
        "broadcast" => await BroadcastDrill.RunAsync(o, output),
        "crash" => await CrashDrill.RunAsync(o, output),
        "staff" => await StaffDrill.RunAsync(o, output),
        "doublepay" => await DoublePayDrill.RunAsync(o, output),
        "switch" => await SwitchDrill.RunAsync(o, output),
        "cluster" => await ClusterDrill.RunAsync(o, output),
        "ledger" => await LedgerDrill.RunAsync(o, output),
        _ => throw new RehearsalUsageException($"Unknown drill '{o.Drill}' (duplicates, faults, badinput, broadcast, crash, staff, doublepay, switch, cluster, ledger)."),
    };

    private static async Task<RehearsalReport> PurchasesDrillAsync(RehearsalOptions o, TextWriter output, string what, Func<PracticeControl, long, Task> breakIt)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Buyers = Math.Min(o.Buyers, 200), Floor = false };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var actions = await Benchmark.SeedCatalogAsync(host, options.Kinds);
            var buyers = await Benchmark.CreateBuyersAsync(control, host.BotId, options.Buyers, 10_000);
            await output.WriteLineAsync($"Drill {o.Drill}: {what}; {options.Buyers} buyers …");
            await breakIt(control, host.BotId);
            var before = await control.GetBotAsync(host.BotId);
            await control.ResetRehearsalStatsAsync(host.BotId);
            var m = new Measurements();
            using var chats = new ChatWaiter(control, host.BotId);
            var seconds = await Benchmark.DriveAsync(options, buyers,
                (buyer, i) => BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, buyer, actions[i % actions.Count].Slug, m, CancellationToken.None),
                RehearsalCommand.Progress(options.Buyers, output), CancellationToken.None);
            // Heal the world, then let retries finish before judging.
            await control.SetRandomFaultsAsync(host.BotId, 0);
            var run = await Benchmark.SummarizeAsync("StarsStudio", control, host.BotId, options.Buyers, m, seconds, before);
            var invariants = (await Invariants.CheckAsync(host, buyers)).ToList();
            invariants.Add(await StillWorksAsync(host, actions[0].Slug));
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), run, null, invariants,
                new Dictionary<string, string> { ["drill"] = what }, RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    /// <summary>After the storm, one fresh buyer still completes a purchase: the update loop never stopped.</summary>
    private static Task<InvariantResult> StillWorksAsync(RehearsalHost host, string slug) => StillWorksAsync(host.Control, host.BotId, slug);

    /// <summary>The same for any bot on the emulator, e.g. the crash drill's app in another process.</summary>
    internal static async Task<InvariantResult> StillWorksAsync(PracticeControl control, long botId, string slug)
    {
        var buyer = (await control.CreateBuyerAsync(botId, "After the drill", null, "en", 100)).UserId;
        var m = new Measurements();
        using var chats = new ChatWaiter(control, botId);
        await BuyerScript.RunStarsStudioAsync(control, chats, botId, buyer, slug, m, CancellationToken.None);
        return new("the update loop kept working", m.Completed == 1, m.Completed == 1 ? "a fresh buyer completed a purchase afterwards" : string.Join("; ", m.Errors.Keys));
    }

    /// <summary>
    /// At least N malformed, forged, replayed, oversize and wrong-user payloads and updates: 0 approvals,
    /// 0 unlocks, and the loop keeps answering.
    /// </summary>
    private static async Task<RehearsalReport> BadInputDrillAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Floor = false, Limits = false };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var actions = await Benchmark.SeedCatalogAsync(host, ["credits", "command"]);
            // A real purchase gives real payloads and a real charge id to forge and replay.
            var victim = (await control.CreateBuyerAsync(host.BotId, "Victim", null, "en", 1000)).UserId;
            var attacker = (await control.CreateBuyerAsync(host.BotId, "Attacker", null, "en", 1000)).UserId;
            var m = new Measurements();
            using (var chats = new ChatWaiter(control, host.BotId))
                await BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, victim, actions[0].Slug, m, CancellationToken.None);
            await Invariants.WaitForQuietAsync(host, TimeSpan.FromMinutes(1));
            var realPayment = (await control.ChatAsync(host.BotId, victim)).First(x => x.ServiceText?.StartsWith("You paid") == true);
            var paid = JsonNode.Parse(realPayment.Json)!["successful_payment"]!.AsObject();
            var realPayload = paid["invoice_payload"]!.GetValue<string>();
            var grantsBefore = await CountUnlocksAsync(host);

            await control.ResetRehearsalStatsAsync(host.BotId);
            var generator = new BadUpdates(victim, attacker, realPayload, paid["telegram_payment_charge_id"]!.GetValue<string>());
            await output.WriteLineAsync($"Drill badinput: sending {options.BadInputs} bad updates …");
            var progress = RehearsalCommand.Progress(options.BadInputs, output);
            var kinds = new Dictionary<string, int>();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.BadInputs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                var (kind, json) = generator.Make(i);
                lock (kinds) kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                try { await control.InjectUpdateAsync(host.BotId, json, ct); }
                catch (PracticeControlException) { lock (kinds) kinds["refused by the emulator"] = kinds.GetValueOrDefault("refused by the emulator") + 1; }
                progress.Report(1);
            });
            // Let the bot chew through the backlog.
            for (var i = 0; i < 600 && (await control.GetBotAsync(host.BotId)).PendingUpdates > 0; i++) await Task.Delay(200);
            await Invariants.WaitForQuietAsync(host, TimeSpan.FromMinutes(1));

            var stats = await control.RehearsalStatsAsync(host.BotId);
            var unlocks = await CountUnlocksAsync(host) - grantsBefore;
            var invariants = new List<InvariantResult>
            {
                new("no approval of a bad payload", stats.PreCheckoutApprovals == 0, $"{stats.PreCheckoutApprovals} approvals, {stats.PreCheckoutRefusals} refusals of injected pre-checkouts"),
                new("no unlock from a bad payment", unlocks == 0, $"{unlocks} new credit grants, command uses or deliveries"),
            };
            invariants.AddRange(await Invariants.CheckAsync(host, [victim, attacker]));
            invariants.Add(await StillWorksAsync(host, actions[1].Slug));
            await using var db = await host.DbAsync();
            var figures = new Dictionary<string, string>
            {
                ["bad updates sent"] = options.BadInputs.ToString(),
                ["by kind"] = string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")),
                ["payments kept for support (unmatched)"] = (await db.Payments.CountAsync(p => p.Match != StarsStudio.Features.Payments.PaymentMatch.Matched)).ToString(),
            };
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), null, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    private static async Task<int> CountUnlocksAsync(RehearsalHost host)
    {
        await using var db = await host.DbAsync();
        return await db.CreditGrants.CountAsync() + await db.CommandEntitlements.CountAsync() + await db.DeliveryJobs.CountAsync();
    }
}
