namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// The one bounded wait of the tests: read something observable until it satisfies a condition, or fail with
/// what was last seen. Every "wait for the order / the call / the text / the buyer" helper is a thin wrapper
/// over this, so timeouts, poll pace and failure messages are the same everywhere.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a busy two-core machine; a passing wait returns as soon as the condition holds.</summary>
    public const int DefaultSeconds = 20;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(25);

    /// <summary>Reads until <paramref name="until"/> holds; returns that value, or throws with <paramref name="describe"/> of the last one.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, Func<T, string> describe, int seconds = DefaultSeconds)
    {
        var value = await WithinAsync(read, until, seconds);
        return until(value) ? value : throw new TimeoutException($"Not within {seconds}s: {describe(value)}");
    }

    /// <summary>
    /// Reads until <paramref name="until"/> holds or the time is up, and returns the last value read either way:
    /// for tests that assert on it themselves (their own Assert and message stay where they were).
    /// </summary>
    public static async Task<T> WithinAsync<T>(Func<Task<T>> read, Func<T, bool> until, int seconds = DefaultSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (until(value) || DateTime.UtcNow >= deadline) return value;
            await Task.Delay(Pace);
        }
    }

    /// <summary>Waits until the condition holds or the time is up; the caller asserts.</summary>
    public static Task<bool> WithinAsync(Func<bool> condition, int seconds = DefaultSeconds) =>
        WithinAsync(() => Task.FromResult(condition()), ok => ok, seconds);

    /// <summary>Waits until the condition holds, or throws naming <paramref name="what"/> was awaited.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, int seconds = DefaultSeconds) =>
        GetAsync(() => Task.FromResult(condition()), ok => ok, _ => what, seconds);

    public static Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = DefaultSeconds) =>
        GetAsync(condition, ok => ok, _ => what, seconds);
}
