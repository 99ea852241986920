using System.Collections.Concurrent;

namespace StarsStudio.Rehearsal;

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);
