using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StarsStudio.Rehearsal;

/// <summary>Everything one `rehearse` invocation found; written as JSON and as a Markdown table.</summary>
public sealed record RehearsalReport(
    string Command, RehearsalOptions Options, DateTimeOffset At, string Machine,
    RunResult? StarsStudio, RunResult? Floor, IReadOnlyList<InvariantResult> Invariants,
    IReadOnlyDictionary<string, string> Figures, long PeakMemoryMb)
{
    public bool Passed => Invariants.All(i => i.Passed);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        sb.AppendLine(culture, $"## rehearse {Command}{(Options.Drill is { } d ? " " + d : "")} — {At:yyyy-MM-dd HH:mm} UTC, {Machine}");
        sb.AppendLine();
        if (StarsStudio is { } s)
        {
            sb.AppendLine(culture, $"{s.Buyers} buyers, arrival {(Options.ArrivalSeconds > 0 ? $"over {Options.ArrivalSeconds} s" : "all at once")}, concurrency {Options.Concurrency}, kinds {string.Join("+", Options.Kinds)}, limits {(Options.Limits ? "on" : "off")}, faults {Options.Faults:P0}");
            sb.AppendLine();
            sb.AppendLine("| figure | StarsStudio | floor bot | StarsStudio/floor |");
            sb.AppendLine("|---|---|---|---|");
            void Row(string name, Func<RunResult, double> pick, string format, bool ratio = true)
            {
                var a = pick(s);
                var b = Floor is { } f ? pick(f) : double.NaN;
                sb.AppendLine(culture, $"| {name} | {a.ToString(format, culture)} | {(double.IsNaN(b) ? "—" : b.ToString(format, culture))} | {(ratio && !double.IsNaN(b) && b != 0 ? (a / b).ToString("0.00", culture) : "—")} |");
            }
            Row("purchases completed", r => r.Completed, "0", false);
            Row("purchases/s", r => r.PurchasesPerSecond, "0.0");
            Row("pre-checkout p50 ms", r => r.PreCheckoutMs.P50, "0.0");
            Row("pre-checkout p95 ms", r => r.PreCheckoutMs.P95, "0.0");
            Row("pre-checkout p99 ms", r => r.PreCheckoutMs.P99, "0.0");
            Row("pre-checkout max ms", r => r.PreCheckoutMs.Max, "0.0");
            Row("Buy tap → invoice p50 ms", r => r.BuyToInvoiceMs.P50, "0");
            Row("Buy tap → invoice p99 ms", r => r.BuyToInvoiceMs.P99, "0");
            Row("payment → delivery p50 ms", r => r.PaymentToDeliveryMs.P50, "0");
            Row("payment → delivery p99 ms", r => r.PaymentToDeliveryMs.P99, "0");
            Row("messages sent", r => r.MessagesSent, "0", false);
            Row("messages per purchase", r => r.MessagesPerPurchase, "0.00");
            Row("messages/s while busy", r => r.MessagesPerSecondWhileBusy, "0.0");
            Row("most messages in 1 s", r => r.MaxMessagesInOneSecond, "0", false);
            Row("429s received", r => r.TooManyRequests, "0", false);
            // Drills do not measure what a purchase costs; only runs that did show these rows.
            if (s.Cost is not null)
            {
                Row("SQL statements/purchase", r => r.Cost?.Statements ?? double.NaN, "0.0");
                Row("… reads", r => r.Cost?.Reads ?? double.NaN, "0.0");
                Row("… writes", r => r.Cost?.Writes ?? double.NaN, "0.0");
                Row("transactions/purchase", r => r.Cost?.Transactions ?? double.NaN, "0.0");
                Row("savepoints/purchase", r => r.Cost?.Savepoints ?? double.NaN, "0.0");
                Row("SQL commands (round trips)/purchase", r => r.Cost?.Commands ?? double.NaN, "0.0");
                Row("CPU ms/purchase (whole process)", r => r.Cost?.CpuMs ?? double.NaN, "0.00");
                Row("… of which compiling code (JIT)", r => r.Cost?.JitMs ?? double.NaN, "0.00");
                Row("allocated KB/purchase (whole process)", r => r.Cost?.AllocatedKb ?? double.NaN, "0");
            }
            if (s.DashboardPollMs is { Count: > 0 } polls)
                sb.AppendLine(culture, $"| orders-grid polls by {Options.DashboardReaders} dashboard readers | {polls.Count} polls, p50 {polls.P50:0.0} ms, p99 {polls.P99:0.0} ms | — | — |");
            sb.AppendLine();
            var errors = s.Errors.Concat(Floor?.Errors.Select(e => KeyValuePair.Create("floor: " + e.Key, e.Value)) ?? []).ToList();
            sb.AppendLine(errors.Count == 0 ? "Errors: none." : "Errors: " + string.Join("; ", errors.Select(e => $"{e.Key} ×{e.Value}")));
            sb.AppendLine();
        }
        foreach (var (name, value) in Figures) sb.AppendLine(culture, $"- {name}: {value}");
        sb.AppendLine(culture, $"- peak memory (whole process): {PeakMemoryMb} MB");
        sb.AppendLine();
        sb.AppendLine("| invariant | result | detail |");
        sb.AppendLine("|---|---|---|");
        foreach (var i in Invariants) sb.AppendLine(culture, $"| {i.Name} | {(i.Passed ? "PASS" : "FAIL")} | {i.Detail} |");
        sb.AppendLine();
        sb.AppendLine(Passed ? "PASS" : "FAIL");
        return sb.ToString();
    }

    public async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = $"{Command}{(Options.Drill is { } d ? "-" + d : "")}-{At:yyyyMMdd-HHmmss}";
        await File.WriteAllTextAsync(Path.Combine(directory, stamp + ".json"), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        await File.WriteAllTextAsync(Path.Combine(directory, stamp + ".md"), ToMarkdown());
    }
}
