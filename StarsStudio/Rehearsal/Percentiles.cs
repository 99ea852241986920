using System.Collections.Concurrent;

namespace StarsStudio.Rehearsal;

/// <summary>Percentiles, the nearest-rank way.</summary>
public static class Percentiles
{
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static LatencySummary Summarize(IEnumerable<double> values)
    {
        var list = values.ToList();
        return new(list.Count, Of(list, 50), Of(list, 95), Of(list, 99), list.Count == 0 ? double.NaN : list.Max());
    }
}
