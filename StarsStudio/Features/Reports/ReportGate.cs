namespace StarsStudio.Features.Reports;

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
