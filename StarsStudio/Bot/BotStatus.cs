namespace StarsStudio.Bot;

/// <summary>
/// What the bot loop is doing right now, for the app bar chip and /healthz. A singleton notifier: pages
/// subscribe to <see cref="Changed"/> and refresh through InvokeAsync.
/// </summary>
public sealed class BotStatus(TimeProvider clock)
{
    private readonly Lock gate = new();
    public BotState State { get; private set; } = BotState.Starting;
    public string? Username { get; private set; }
    public string? Problem { get; private set; }
    public DateTimeOffset? LastUpdateAt { get; private set; }
    public DateTimeOffset? LastContactAt { get; private set; }
    public BotMode Mode { get; private set; }
    private BotState? runningState;

    public event Action? Changed;

    public void Running(bool practice, string? username, BotMode mode)
    {
        lock (gate) { State = practice ? BotState.Practice : BotState.Live; runningState = State; Username = username; Problem = null; Mode = mode; LastContactAt = clock.GetUtcNow(); }
        Changed?.Invoke();
    }

    public void Failed(string problem)
    {
        lock (gate) { State = BotState.Error; Problem = problem; }
        Changed?.Invoke();
    }

    public void Stopped()
    {
        lock (gate) { State = BotState.Stopped; runningState = null; }
        Changed?.Invoke();
    }

    /// <summary>A successful call to the Bot API; clears an earlier error without a page flicker per poll.</summary>
    public void Contacted()
    {
        var wasError = false;
        lock (gate)
        {
            LastContactAt = clock.GetUtcNow();
            if (State == BotState.Error && runningState is { } running) { wasError = true; Problem = null; State = running; }
        }
        if (wasError) Changed?.Invoke();
    }

    public void UpdateReceived()
    {
        lock (gate) { LastUpdateAt = clock.GetUtcNow(); LastContactAt = LastUpdateAt; }
        Changed?.Invoke();
    }
}
