using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Payments;

/// <summary>The <c>Payments</c> configuration section.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>
    /// How long an approval at pre-checkout holds stock and the per-buyer limit. Telegram charges within seconds
    /// of an approval; one that is not followed by a payment in this time releases its hold.
    /// </summary>
    [Range(1, 1440)]
    public int PaymentWindowMinutes { get; set; } = 10;

    /// <summary>A second payment of an already paid order is refunded at once (Telegram lets an invoice be paid twice).</summary>
    public bool RefundDuplicatePayments { get; set; } = true;

    public TimeSpan PaymentWindow => TimeSpan.FromMinutes(PaymentWindowMinutes);
}
