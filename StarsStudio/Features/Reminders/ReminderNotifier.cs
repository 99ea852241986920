namespace StarsStudio.Features.Reminders;

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
