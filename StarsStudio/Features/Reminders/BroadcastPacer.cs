namespace StarsStudio.Features.Reminders;

/// <summary>
/// The broadcaster's own pace: consecutive sends are at least 1/rate apart, measured from when each send was
/// actually let through, so no one-second window holds more than the rate. Called right before the Bot API call
/// (inside BotSender's permit), so nothing between here and the wire can bunch messages up again.
/// </summary>
public sealed class BroadcastPacer(TimeProvider clock)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();
    private DateTimeOffset next;

    public async Task WaitAsync(double perSecond, CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = clock.GetUtcNow();
                    wait = next - now;
                    if (wait <= TimeSpan.Zero)
                    {
                        next = perSecond > 0 ? now + TimeSpan.FromSeconds(1 / perSecond) : now;
                        return;
                    }
                }
                await Task.Delay(wait, clock, ct);
            }
        }
        finally { turn.Release(); }
    }

    /// <summary>After a 429 nobody in the broadcaster sends before this moment.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (gate) if (until > next) next = until;
    }
}
