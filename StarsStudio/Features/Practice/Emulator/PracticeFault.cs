using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>An armed fault: the next <see cref="Remaining"/> calls of <see cref="Method"/> ("*" = any) fail.</summary>
public sealed class PracticeFault(string method, PracticeFaultKind kind, int remaining, int retryAfterSeconds)
{
    public string Method { get; } = method;
    public PracticeFaultKind Kind { get; } = kind;
    public int Remaining { get; set; } = remaining;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
