namespace StarsStudio.Rehearsal;

/// <summary>
/// What one purchase cost the process, on average over a run: SQL by kind (from the app's command interceptor),
/// CPU time and bytes allocated. CPU and allocations are the whole process's (app, emulator and virtual buyers
/// share it), so they compare bots on the same footing rather than isolate the bot. <see cref="JitMs"/> is the part
/// of the CPU time spent compiling code (the runtime's own count): a cold process pays it once, on its first buyers.
/// </summary>
public sealed record PurchaseCost(
    double Statements, double Reads, double Writes, double Transactions, double Savepoints, double Commands,
    double CpuMs, double JitMs, double AllocatedKb);
