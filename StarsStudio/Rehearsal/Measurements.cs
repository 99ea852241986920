using System.Collections.Concurrent;

namespace StarsStudio.Rehearsal;

/// <summary>Latencies and outcomes of one run, thread-safe to record into.</summary>
public sealed class Measurements
{
    public ConcurrentBag<double> BuyToInvoiceMs { get; } = [];
    public ConcurrentBag<double> PaymentToDeliveryMs { get; } = [];
    public ConcurrentBag<double> PurchaseMs { get; } = [];
    public ConcurrentDictionary<string, int> Errors { get; } = new();
    public int Completed => completed;
    private int completed;

    public void Done() => Interlocked.Increment(ref completed);
    public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
