using System.Collections.Concurrent;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// What the rehearsal benchmark and drills measure from Telegram's side of one bot: how long each
/// pre-checkout waited for its answer, every answer's verdict, when messages started and stopped flowing,
/// and a random share of calls to fail on purpose.
/// </summary>
public sealed class RehearsalStats
{
    public ConcurrentQueue<double> PreCheckoutLatenciesMs { get; } = new();
    private int approvals, refusals;
    private long firstSentTicks, lastSentTicks;

    public int PreCheckoutApprovals => approvals;
    public int PreCheckoutRefusals => refusals;
    public DateTimeOffset? FirstSentAt => firstSentTicks == 0 ? null : new DateTimeOffset(firstSentTicks, TimeSpan.Zero);
    public DateTimeOffset? LastSentAt => lastSentTicks == 0 ? null : new DateTimeOffset(lastSentTicks, TimeSpan.Zero);

    /// <summary>Share of Bot API calls (0–1) that fail with a 429, a 500 or a timeout.</summary>
    public double FaultRate { get; set; }

    /// <summary>Every answerPreCheckoutQuery, known query or not: a forged one must never be approved.</summary>
    public void Answered(bool ok)
    {
        if (ok) Interlocked.Increment(ref approvals);
        else Interlocked.Increment(ref refusals);
    }

    public void Sent(DateTimeOffset at)
    {
        Interlocked.CompareExchange(ref firstSentTicks, at.UtcTicks, 0);
        Interlocked.Exchange(ref lastSentTicks, at.UtcTicks);
    }

    /// <summary>A random fault for this call, or null (most calls).</summary>
    public PracticeFault? RandomFault(string method)
    {
        if (FaultRate <= 0 || method.Equals("getMe", StringComparison.OrdinalIgnoreCase) || Random.Shared.NextDouble() >= FaultRate) return null;
        var roll = Random.Shared.NextDouble();
        var kind = roll < 0.45 ? PracticeFaultKind.TooManyRequests : roll < 0.9 ? PracticeFaultKind.ServerError : PracticeFaultKind.Timeout;
        return new PracticeFault(method, kind, 1, 1);
    }
}
