using System.Collections.Concurrent;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>A copy of <see cref="RehearsalStats"/> at one moment.</summary>
public sealed record RehearsalSnapshot(IReadOnlyList<double> PreCheckoutLatenciesMs, int PreCheckoutApprovals, int PreCheckoutRefusals, DateTimeOffset? FirstSentAt, DateTimeOffset? LastSentAt);
