using System.Collections.Concurrent;

namespace StarsStudio.Features.Support;

/// <summary>
/// One async lock per Telegram charge id: a staff refund, a second click, a second staff member and Telegram's
/// refunded_payment message for the same charge run one after another, each re-reading the state first.
/// </summary>
public sealed class ChargeLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new();

    public async Task<IDisposable> AcquireAsync(string chargeId, CancellationToken ct)
    {
        var gate = locks.GetOrAdd(chargeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose() { if (Interlocked.Exchange(ref released, 1) == 0) gate.Release(); }
    }
}
