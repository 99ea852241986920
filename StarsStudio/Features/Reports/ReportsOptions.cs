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
