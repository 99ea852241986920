using StarsStudio.Rehearsal;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Rehearsal;

/// <summary>Keeps `rehearse` working: a tiny run and small drills; asserts the invariants, never timings.</summary>
[Collection(HeavyCollection.Name)]
public sealed class RehearsalTests
{
    /// <summary>In the PostgreSQL run of ./test.sh the rehearsal's app runs there too (the crash drill stays on SQLite).</summary>
    private static RehearsalOptions OnTestDatabase(RehearsalOptions options) =>
        TestDatabase.AppsOnPostgres ? options with { PostgresServer = TestDatabase.Server } : options;

    private static readonly string Out = Path.Combine(Path.GetTempPath(), "stars-tests", "rehearsal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_TwentyBuyers_AllPurchasesDeliveredAndInvariantsHold()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["--buyers", "20", "--kinds", "credits,text,command,file", "--limits", "off", "--out", Out]));
        var report = await RehearsalCommand.RunBenchmarkAsync(options, TextWriter.Null);

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(20, report.StarsStudio!.Completed);
        Assert.Equal(20, report.Floor!.Completed);
        Assert.Empty(report.StarsStudio.Errors);
        Assert.Equal(20, report.StarsStudio.PreCheckoutMs.Count);
        Assert.Contains("PASS", report.ToMarkdown());
    }

    [Fact]
    public async Task Run_WithCodes_TwoBuyersRacePerSingleUseCode_NoneOverusedAndEachPaidTheDiscountedPrice()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["--buyers", "12", "--codes", "4", "--floor", "off", "--limits", "off", "--out", Out]));
        var report = await RehearsalCommand.RunBenchmarkAsync(options, TextWriter.Null);

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(12, report.StarsStudio!.Completed);
        Assert.Contains(report.Invariants, i => i.Name == "no code used more often than allowed");
        // Each of the 4 codes went to exactly one of its two racing buyers.
        Assert.Contains("paid orders with a code: 4,", report.Figures["codes used"]);
    }

    [Fact]
    public async Task Run_WithEarlyBird_BuyersRaceForTheFirstUnits_NoneSoldPastTheLimitAndEachPaidTheEarlyPrice()
    {
        // 24 buyers over 3 actions, 8 each, race for 3 early-bird units per action while their invoices are open.
        var options = OnTestDatabase(RehearsalOptions.Parse(["--buyers", "24", "--kinds", "credits,text,command", "--early-bird", "3", "--floor", "off", "--limits", "off", "--out", Out]));
        var report = await RehearsalCommand.RunBenchmarkAsync(options, TextWriter.Null);

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.True(report.StarsStudio!.Completed == 24, report.ToMarkdown());
        Assert.Contains(report.Invariants, i => i.Name == "no early-bird unit sold past its limit" && i.Passed);
        Assert.Contains(report.Invariants, i => i.Name == "each early-bird order paid exactly the early price" && i.Passed);
        // Every unit on offer went to one of the racing buyers; the others paid the list price.
        Assert.Contains("9 units on offer (3 actions), 9 sold;", report.Figures["early bird"]);
    }

    [Fact]
    public async Task Drill_Duplicates_EveryUpdateThreeTimes_StillExactlyOnce()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "duplicates", "--buyers", "12", "--limits", "off", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(12, report.StarsStudio!.Completed);
    }

    [Fact]
    public async Task Drill_Staff_RefundsRedeliveriesAndResolvesRaceBuyers_EveryInvariantHolds()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "staff", "--buyers", "12", "--limits", "off", "--faults", "0.1", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.All(report.Invariants, i => Assert.True(i.Passed, $"{i.Name}: {i.Detail}"));
        Assert.Contains(report.Invariants, i => i.Name == "a refunded order holds no credits or uses");
    }

    [Fact]
    public async Task Drill_DoublePay_InvoicesPaidTwiceAndForwarded_EachDeliveredOnceExtraChargesRefundedOnce()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "doublepay", "--buyers", "9", "--limits", "off", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.All(report.Invariants, i => Assert.True(i.Passed, $"{i.Name}: {i.Detail}"));
        Assert.Contains(report.Invariants, i => i.Name == "every extra charge refunded once");
    }

    [Fact]
    public async Task Drill_BadInput_NoApprovalNoUnlockLoopKeepsWorking()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "badinput", "--bad", "240", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Contains(report.Invariants, i => i.Name == "no approval of a bad payload" && i.Passed);
    }

    [Fact]
    public async Task Drill_Broadcast_EveryoneOnceUnderTelegramsCap()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "broadcast", "--broadcast-buyers", "40", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
    }

    /// <summary>
    /// The app as its own process (launched from this test's bin directory), killed with SIGKILL at least twice
    /// while 20 buyers buy. The kill schedule's seed is random and printed in the report, so a failure can be
    /// replayed with --seed.
    /// </summary>
    [Fact]
    public async Task Drill_Crash_KilledAndRestarted_NothingLostOrDeliveredTwice()
    {
        var options = RehearsalOptions.Parse(["drill", "crash", "--buyers", "20", "--kills", "2", "--arrival", "10", "--out", Out]);
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
        Assert.All(report.Invariants, i => Assert.True(i.Passed, $"{i.Name}: {i.Detail}"));
        Assert.Contains(report.Invariants, i => i.Name == "the app was killed at least 2 times");
        Assert.Contains(report.Invariants, i => i.Name == "the app came back after every kill");
        Assert.Contains(report.Invariants, i => i.Name == "Stars charged = Stars recorded");
        Assert.Contains(report.Invariants, i => i.Name == "each paid order delivered exactly once");
        Assert.Contains(report.Invariants, i => i.Name == "the update loop kept working");
    }

    /// <summary>
    /// The app's bot switched practice → second bot (saved through Settings) → practice → second bot while each
    /// round's deliveries retry after a 500; then both drain. Every invariant, per bot, must hold.
    /// </summary>
    [Fact]
    public async Task Drill_Switch_PracticeAndLiveWhileDeliveriesRetry_EachOrderStaysWithItsBot()
    {
        var options = OnTestDatabase(RehearsalOptions.Parse(["drill", "switch", "--buyers", "8", "--switches", "3", "--kinds", "credits,text,command,file", "--limits", "off", "--out", Out]));
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.All(report.Invariants, i => Assert.True(i.Passed, $"{i.Name}: {i.Detail}"));
        Assert.True(report.Passed, report.ToMarkdown());
        foreach (var name in new[]
                 {
                     "the bot was switched 3 times while deliveries were retrying", "both bots sold", "no message for an order went out through the other bot",
                     "orders, payments and jobs stay with their bot", "practice: each paid order delivered exactly once", "live: each paid order delivered exactly once",
                     "practice: Stars charged = Stars recorded", "live: Stars charged = Stars recorded", "no job left running or pending", "the update loop kept working",
                 })
            Assert.Contains(report.Invariants, i => i.Name == name);
    }

    /// <summary>
    /// Three app processes on one PostgreSQL behind the drill's webhook balancer (some updates to two instances),
    /// one killed with SIGKILL at least twice (one of those the singletons' holder) while 20 buyers buy and a
    /// reminder goes to 150 more. Every invariant must hold, the cluster's own included.
    /// </summary>
    [PostgresFact]
    public async Task Drill_Cluster_InstancesKilledBehindABalancer_NothingLostOrDoubledNoSingletonTwice()
    {
        var options = RehearsalOptions.Parse(["drill", "cluster", "--buyers", "20", "--broadcast-buyers", "150", "--kills", "2", "--arrival", "10",
            "--postgres", TestDatabase.Server!, "--out", Out]);
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.All(report.Invariants, i => Assert.True(i.Passed, $"{i.Name}: {i.Detail}"));
        foreach (var name in new[]
                 {
                     "an instance was killed at least 2 times", "every killed instance came back", "Stars charged = Stars recorded", "each paid order delivered exactly once",
                     "deliveries running at a kill finished elsewhere", "every reminder recipient at most once, and exactly once unless a kill cut the call off",
                     "no singleton ran on two instances at once", "the singletons moved on while their killed instance was down", "the update loop kept working",
                 })
            Assert.Contains(report.Invariants, i => i.Name == name);
        Assert.Contains("(running the singletons)", string.Join('\n', report.Figures.Values));
    }

    [Fact]
    public void Parse_DatabaseAndClusterOptions()
    {
        Assert.True(RehearsalOptions.Parse(["--database", "postgres"]).OnPostgres);
        Assert.False(RehearsalOptions.Parse([]).OnPostgres);
        // Several instances need a database server: the cluster drill always runs on PostgreSQL.
        Assert.True(RehearsalOptions.Parse(["drill", "cluster"]).OnPostgres);
        Assert.Equal(4, RehearsalOptions.Parse(["drill", "cluster", "--instances", "4"]).Instances);
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--database", "mysql"]));
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--instances", "1"]));
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["drill", "crash", "--database", "postgres"]));
    }

    [Fact]
    public void Parse_CrashOptions()
    {
        var options = RehearsalOptions.Parse(["drill", "crash", "--kills", "7", "--seed", "42"]);
        Assert.Equal(("drill", "crash", 7, 42), (options.Command, options.Drill, options.Kills, options.Seed));
        Assert.Null(RehearsalOptions.Parse(["drill", "crash"]).Seed);
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--kills", "0"]));
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--seed", "-1"]));
        Assert.Equal(4, RehearsalOptions.Parse(["drill", "switch", "--switches", "4"]).Switches);
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--switches", "0"]));
    }

    [Fact]
    public void Parse_BadOption_ExplainsUsage()
    {
        var error = Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--buyers", "lots"]));
        Assert.Contains("--buyers", error.Message);
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--kinds", "gold"]));
    }
}
