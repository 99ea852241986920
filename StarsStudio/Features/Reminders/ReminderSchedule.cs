using System.Globalization;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

/// <summary>The reminders that are due: scheduled and their time has come (compared in UTC).</summary>
public static class ReminderSchedule
{
    public static bool IsDue(Reminder r, DateTimeOffset now) => r.Status == ReminderStatus.Scheduled && r.SendAt <= now;

    /// <summary>How long the broadcaster may sleep before the next scheduled reminder (capped so edits are seen).</summary>
    public static TimeSpan SleepUntilNext(IEnumerable<DateTimeOffset> scheduled, DateTimeOffset now, TimeSpan cap)
    {
        var next = scheduled.Where(t => t > now).DefaultIfEmpty(now + cap).Min();
        var wait = next - now;
        return wait < cap ? wait : cap;
    }
}
