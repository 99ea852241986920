using System.Diagnostics;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>How many buyers are at each step right now, so the crash drill can say what a kill interrupted.</summary>
public sealed class BuyerSteps
{
    private readonly int[] counts = new int[Enum.GetValues<BuyerStep>().Length];
    private int doneBuying;

    /// <summary>Buyers who paid (and now only wait for delivery) or gave up.</summary>
    public int DoneBuying => Volatile.Read(ref doneBuying);

    /// <summary>One buyer's purchase; <see cref="Buying.Done"/> counts it once, when they paid or gave up.</summary>
    public Buying Begin() => new(this);

    public sealed class Buying(BuyerSteps steps)
    {
        private int done;
        public void Done() { if (Interlocked.Exchange(ref done, 1) == 0) Interlocked.Increment(ref steps.doneBuying); }
    }

    public IDisposable Enter(BuyerStep step)
    {
        Interlocked.Increment(ref counts[(int)step]);
        return new Leave(() => Interlocked.Decrement(ref counts[(int)step]));
    }

    public int this[BuyerStep step] => Volatile.Read(ref counts[(int)step]);

    private sealed class Leave(Action leave) : IDisposable
    {
        private int done;
        public void Dispose() { if (Interlocked.Exchange(ref done, 1) == 0) leave(); }
    }
}
