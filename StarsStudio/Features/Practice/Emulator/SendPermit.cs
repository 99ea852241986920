namespace StarsStudio.Features.Practice.Emulator;

/// <summary>What the limiter decided for one outgoing message.</summary>
public readonly record struct SendPermit(bool Allowed, int RetryAfterSeconds, bool Paid)
{
    public static SendPermit Refused(TimeSpan wait) => new(false, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)), false);
}
