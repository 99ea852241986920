using System.Diagnostics;
using StarsStudio.Data;

namespace StarsStudio.Rehearsal;

/// <summary>Reads the process's CPU time, allocations and the SQL counter at the start of a run, and divides the difference by purchases at its end.</summary>
public sealed class CostMeter
{
    private readonly SqlStatementCounter? sql;
    private readonly SqlStatementCounts sqlBefore;
    private readonly TimeSpan cpuBefore;
    private readonly long allocatedBefore;
    private readonly TimeSpan jitBefore;

    private CostMeter(SqlStatementCounter? sql)
    {
        this.sql = sql;
        sqlBefore = sql?.Snapshot() ?? new(0, 0, 0, 0, 0, 0);
        cpuBefore = Cpu();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    }

    /// <param name="sql">The app's counter; null for a bot without a database (its SQL is then zero).</param>
    public static CostMeter Start(SqlStatementCounter? sql) => new(sql);

    public PurchaseCost Stop(int purchases)
    {
        var cpu = Cpu() - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var counts = (sql?.Snapshot() ?? sqlBefore).Minus(sqlBefore);
        var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
        double Per(double total) => purchases == 0 ? double.NaN : total / purchases;
        return new(Per(counts.Statements), Per(counts.Reads), Per(counts.Writes), Per(counts.Transactions), Per(counts.Savepoints), Per(counts.Commands),
            Per(cpu.TotalMilliseconds), Per(jit.TotalMilliseconds), Per(allocated / 1024.0));
    }

    private static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
