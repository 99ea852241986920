namespace StarsStudio.Features.Reminders;

/// <summary>Where one reminder's sending stands; the page shows it live.</summary>
public sealed record ReminderProgress(int ReminderId, ReminderStatus Status, int Total, int Sent, int Failed, int Blocked, int Remaining, TimeSpan? Eta)
{
    public int Done => Sent + Failed + Blocked;
    public double Percent => Total == 0 ? (Status == ReminderStatus.Completed ? 100 : 0) : 100.0 * Done / Total;
}
