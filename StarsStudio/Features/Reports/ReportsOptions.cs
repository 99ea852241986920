namespace StarsStudio.Features.Reports;

/// <summary>Configuration section "Reports".</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Reports and service calls generated at once; the rest wait their turn.</summary>
    public int MaxConcurrent { get; set; } = 2;
    /// <summary>How long a creator's endpoint may take before the call counts as timed out (and is retried).</summary>
    public int ServiceTimeoutSeconds { get; set; } = 30;
    /// <summary>Where DejaVuSans*.ttf are; empty = the shipped wwwroot-assets/fonts.</summary>
    public string? FontsDirectory { get; set; }

    public string ResolveFontsDirectory(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(FontsDirectory)) return Path.GetFullPath(FontsDirectory);
        string[] candidates = [Path.Combine(AppContext.BaseDirectory, "wwwroot-assets", "fonts"), Path.Combine(contentRoot, "..", "wwwroot-assets", "fonts")];
        return Path.GetFullPath(candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "DejaVuSans.ttf"))) ?? candidates[0]);
    }
}

/// <summary>Bounds how many reports and service calls run at once, wherever they start (delivery or a paid command).</summary>
public sealed class ReportGate(Microsoft.Extensions.Options.IOptions<ReportsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.MaxConcurrent));

    public int Available => slots.CurrentCount;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        return new Slot(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
        }
    }
}
