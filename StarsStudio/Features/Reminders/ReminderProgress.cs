namespace StarsStudio.Features.Reminders;

/// <summary>Where one reminder's sending stands; the page shows it live.</summary>
public sealed record ReminderProgress(int ReminderId, ReminderStatus Status, int Total, int Sent, int Failed, int Blocked, int Remaining, TimeSpan? Eta)
{
    public int Done => Sent + Failed + Blocked;
    public double Percent => Total == 0 ? (Status == ReminderStatus.Completed ? 100 : 0) : 100.0 * Done / Total;
}

/// <summary>
/// Tells open pages that a reminder's progress changed (eShop WebhookClient's pattern): pages subscribe,
/// refresh through InvokeAsync and unsubscribe on dispose.
/// </summary>
public sealed class ReminderNotifier
{
    public event Action<ReminderProgress>? Changed;

    public void Publish(ReminderProgress progress)
    {
        try { Changed?.Invoke(progress); }
        catch (Exception) { /* a page's handler must never break the broadcaster */ }
    }
}
