using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Delivery;

/// <summary>The <c>Delivery</c> configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// How long a worker owns a claimed job. A job whose worker died (or hung) is claimed again once its lease
    /// ran out, without waiting for a restart.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>
    /// Wait before the first retry of a failed delivery (later retries back off to 30 s, 2 min, 10 min, 1 h).
    /// Short by default: most failures are a blip, and the buyer is waiting.
    /// </summary>
    [Range(1, 600)]
    public int FirstRetrySeconds { get; set; } = 5;
}
