namespace StarsStudio.Features.Practice.Emulator;

/// <summary>The <c>Practice</c> configuration section.</summary>
public sealed class PracticeOptions
{
    public const string Section = "Practice";

    /// <summary>The emulator answers loopback callers only unless this is true (it has no real authentication).</summary>
    public bool AllowRemote { get; set; }
    /// <summary>Serve /practice/control even when a real bot is connected (benchmarks against a real-token setup).</summary>
    public bool ControlApi { get; set; }
    /// <summary>Telegram's pre-checkout deadline.</summary>
    public int PreCheckoutTimeoutSeconds { get; set; } = 10;
    /// <summary>Telegram's cap on one Stars invoice is unverified; 10,000 matches subscriptions.</summary>
    public int MaxStarsPerInvoice { get; set; } = 10_000;
    public PracticeRateLimitOptions RateLimits { get; set; } = new();
}
