using System.Diagnostics;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>One measured run of many buyers against one bot (StarsStudio's, or the floor's).</summary>
public sealed record RunResult(
    string Bot, int Buyers, int Completed, double Seconds, double PurchasesPerSecond,
    LatencySummary PreCheckoutMs, LatencySummary BuyToInvoiceMs, LatencySummary PaymentToDeliveryMs,
    long MessagesSent, double MessagesPerSecondWhileBusy, int MaxMessagesInOneSecond, long TooManyRequests,
    IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>SQL, CPU and allocations per purchase (null where a run did not measure them).</summary>
    public PurchaseCost? Cost { get; init; }
    /// <summary>How long the simulated staff's orders-grid polls took during the run (null: no readers).</summary>
    public LatencySummary? DashboardPollMs { get; init; }
    /// <summary>At Telegram's cap, messages per purchase decide how many purchases per second a bot can serve.</summary>
    public double MessagesPerPurchase => Completed == 0 ? 0 : (double)MessagesSent / Completed;
}
