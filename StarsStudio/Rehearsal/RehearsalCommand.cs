using System.Diagnostics;
using StarsStudio.Bot;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// `rehearse`: runs the app against the practice emulator on a temporary data directory and drives virtual
/// buyers through /start → Buy → invoice → Pay → pre-checkout → payment → delivery, or one of the drills.
/// Prints and writes (JSON + Markdown) what it measured, and ends with PASS or FAIL from the invariants.
/// </summary>
public static class RehearsalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        RehearsalOptions options;
        try { options = RehearsalOptions.Parse(args); }
        catch (RehearsalUsageException e)
        {
            if (e.Message.Length > 0) await Console.Error.WriteLineAsync(e.Message);
            await output.WriteLineAsync(RehearsalOptions.Usage);
            return e.Message.Length > 0 ? 2 : 0;
        }

        // --database postgres without a server of the operator's: one of the rehearsal's own, gone when it ends.
        ThrowawayPostgres? server = null;
        try
        {
            if (options.OnPostgres && options.PostgresServer is null)
            {
                try { server = await ThrowawayPostgres.StartAsync(output); }
                catch (RehearsalUsageException e)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    return 2;
                }
                options = options with { PostgresServer = server.ConnectionString };
            }
            return await RunReportAsync(options, output);
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }

    private static async Task<int> RunReportAsync(RehearsalOptions options, TextWriter output)
    {
        var report = options.Command switch
        {
            "run" => await RunBenchmarkAsync(options, output),
            "drill" => await Drills.RunAsync(options, output),
            "bigdata" => await BigData.RunAsync(options, output),
            _ => throw new InvalidOperationException(),
        };
        await report.WriteAsync(options.OutputDirectory);
        await output.WriteLineAsync(report.ToMarkdown());
        return report.Passed ? 0 : 1;
    }

    public static async Task<RehearsalReport> RunBenchmarkAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        await using var host = await RehearsalHost.StartAsync(o);
        try
        {
            var control = host.Control;
            if (o.Faults > 0) await control.SetRandomFaultsAsync(host.BotId, o.Faults);
            var actions = await Benchmark.SeedCatalogAsync(host, o.Kinds);
            var buyers = await Benchmark.CreateBuyersAsync(control, host.BotId, o.Buyers, stars: 10_000);
            var codes = o.Codes > 0 ? await Benchmark.SeedCodesAsync(host, o.Codes) : [];
            if (o.EarlyBird > 0) await Benchmark.SeedEarlyBirdsAsync(host, actions, o.EarlyBird);
            await output.WriteLineAsync($"StarsStudio: {o.Buyers} buyers{(codes.Count > 0 ? $", {codes.Count} single-use codes" : "")} …");
            var before = await control.GetBotAsync(host.BotId);
            await control.ResetRehearsalStatsAsync(host.BotId);
            var m = new Measurements();
            using var chats = new ChatWaiter(control, host.BotId);
            var readers = o.DashboardReaders > 0 ? DashboardReaders.Start(host, o.DashboardReaders) : null;
            var meter = CostMeter.Start(host.Sql);
            var seconds = await Benchmark.DriveAsync(o, buyers,
                (buyer, i) => BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, buyer, Benchmark.StartParameter(actions[i % actions.Count].Slug, codes, i), m, CancellationToken.None),
                Progress(o.Buyers, output), CancellationToken.None);
            var cost = meter.Stop(m.Completed);
            var sqlByText = host.Sql.ByText();
            var polls = readers is null ? null : await readers.StopAsync();
            if (readers is { Failures: > 0 }) m.Error($"dashboard poll failed ×{readers.Failures}");
            var stars = await Benchmark.SummarizeAsync("StarsStudio", control, host.BotId, o.Buyers, m, seconds, before) with { Cost = cost, DashboardPollMs = polls };
            if (o.Faults > 0) await control.SetRandomFaultsAsync(host.BotId, 0);
            var invariants = (await Invariants.CheckAsync(host, buyers)).ToList();
            var figures = TopStatements(sqlByText, m.Completed);
            if (codes.Count > 0)
            {
                var (codeChecks, codeFigures) = await Invariants.CodesAsync(host);
                invariants.AddRange(codeChecks);
                foreach (var (name, value) in codeFigures) figures[name] = value;
            }
            if (o.EarlyBird > 0)
            {
                var (earlyChecks, earlyFigures) = await Invariants.EarlyBirdAsync(host);
                invariants.AddRange(earlyChecks);
                foreach (var (name, value) in earlyFigures) figures[name] = value;
            }

            // The floor bot runs next in this process, with a second set of buyers and emulator state; the peak so
            // far is what StarsStudio's own run cost (app, its emulator, its virtual buyers).
            figures["peak memory, StarsStudio's part (before the floor bot ran)"] = $"{PeakMemoryMb()} MB";

            RunResult? floor = null;
            if (o.Floor)
            {
                await output.WriteLineAsync($"Floor bot: {o.Buyers} buyers …");
                floor = await RunFloorAsync(host, o, output);
            }
            return new RehearsalReport("run", o, at, Machine(), stars, floor, invariants, figures, PeakMemoryMb());
        }
        finally
        {
            host.DeleteData();
        }
    }

    /// <summary>The same buyers against the floor bot, on the same emulator with the same limits.</summary>
    private static async Task<RunResult> RunFloorAsync(RehearsalHost host, RehearsalOptions o, TextWriter output)
    {
        var control = host.Control;
        await using var floor = new FloorBot($"6{Random.Shared.Next(100_000_000, 999_999_999)}:floor_bot", host.BaseUrl + "/practice");
        await control.EnsureBotAsync(FloorToken(floor));
        await control.SetRateLimitsAsync(floor.BotId, o.Limits);
        // Telegram.Bot drops the base URL's path; this handler puts /practice back, as the app's own client does.
        using var http = new HttpClient(new ApiBasePathHandler(host.BaseUrl + "/practice") { InnerHandler = new SocketsHttpHandler() }) { Timeout = TimeSpan.FromSeconds(60) };
        floor.Start(http);
        var buyers = await Benchmark.CreateBuyersAsync(control, floor.BotId, o.Buyers, stars: 10_000);
        var before = await control.GetBotAsync(floor.BotId);
        await control.ResetRehearsalStatsAsync(floor.BotId);
        var m = new Measurements();
        using var chats = new ChatWaiter(control, floor.BotId);
        // The floor bot has no database: its SQL is zero by construction, its CPU and allocations are measured.
        var meter = CostMeter.Start(sql: null);
        var seconds = await Benchmark.DriveAsync(o, buyers, (buyer, _) => BuyerScript.RunFloorAsync(control, chats, floor.BotId, buyer, m, CancellationToken.None),
            Progress(o.Buyers, output), CancellationToken.None);
        var cost = meter.Stop(m.Completed);
        return await Benchmark.SummarizeAsync("floor", control, floor.BotId, o.Buyers, m, seconds, before) with { Cost = cost };
    }

    /// <summary>The app's most frequent commands, per purchase: the profile that says where statements go.</summary>
    private static Dictionary<string, string> TopStatements(IReadOnlyList<KeyValuePair<string, long>> byText, int purchases) =>
        byText.Take(15).Select((p, i) => (Key: $"SQL #{i + 1}: {(double)p.Value / Math.Max(1, purchases):0.00}/purchase", Value: OneLine(p.Key)))
            .ToDictionary(p => p.Key, p => p.Value);

    private static string OneLine(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return "`" + (line.Length > 160 ? line[..160] + "…" : line) + "`";
    }

    private static string FloorToken(FloorBot floor) => floor.Token;

    public static IProgress<int> Progress(int total, TextWriter output)
    {
        var done = 0;
        var step = Math.Max(1, total / 10);
        return new SyncProgress(_ =>
        {
            var now = Interlocked.Increment(ref done);
            if (now % step == 0 || now == total) output.WriteLine($"  {now}/{total} buyers done ({100.0 * now / total:0}%)");
        });
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    public static long PeakMemoryMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1024 / 1024;
    }

    public static string Machine() => $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024 / 1024} GiB, .NET {Environment.Version}";
}
