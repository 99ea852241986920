using StarsStudio.Rehearsal;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Rehearsal;

/// <summary>Keeps `rehearse` working: a tiny run and small drills; asserts the invariants, never timings.</summary>
[Collection(HeavyCollection.Name)]
public sealed class RehearsalTests
{
    private static readonly string Out = Path.Combine(Path.GetTempPath(), "stars-tests", "rehearsal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_TwentyBuyers_AllPurchasesDeliveredAndInvariantsHold()
    {
        var options = RehearsalOptions.Parse(["--buyers", "20", "--kinds", "credits,text,command,file", "--limits", "off", "--out", Out]);
        var report = await RehearsalCommand.RunBenchmarkAsync(options, TextWriter.Null);

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(20, report.StarsStudio!.Completed);
        Assert.Equal(20, report.Floor!.Completed);
        Assert.Empty(report.StarsStudio.Errors);
        Assert.Equal(20, report.StarsStudio.PreCheckoutMs.Count);
        Assert.Contains("PASS", report.ToMarkdown());
    }

    [Fact]
    public async Task Drill_Duplicates_EveryUpdateThreeTimes_StillExactlyOnce()
    {
        var options = RehearsalOptions.Parse(["drill", "duplicates", "--buyers", "12", "--limits", "off", "--out", Out]);
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(12, report.StarsStudio!.Completed);
    }

    [Fact]
    public async Task Drill_BadInput_NoApprovalNoUnlockLoopKeepsWorking()
    {
        var options = RehearsalOptions.Parse(["drill", "badinput", "--bad", "240", "--out", Out]);
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Contains(report.Invariants, i => i.Name == "no approval of a bad payload" && i.Passed);
    }

    [Fact]
    public async Task Drill_Broadcast_EveryoneOnceUnderTelegramsCap()
    {
        var options = RehearsalOptions.Parse(["drill", "broadcast", "--broadcast-buyers", "40", "--out", Out]);
        var report = await Drills.RunAsync(options, TextWriter.Null);
        Assert.True(report.Passed, report.ToMarkdown());
    }

    [Fact]
    public void Parse_BadOption_ExplainsUsage()
    {
        var error = Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--buyers", "lots"]));
        Assert.Contains("--buyers", error.Message);
        Assert.Throws<RehearsalUsageException>(() => RehearsalOptions.Parse(["--kinds", "gold"]));
    }
}
