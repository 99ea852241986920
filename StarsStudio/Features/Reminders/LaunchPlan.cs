using System.Globalization;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

public sealed record PlannedReminder(ReminderKind Kind, string Name, DateTimeOffset SendAt);

/// <summary>
/// Proposes the reminders around a launch. "T−24 h" means the day before at the same wall-clock time in the
/// creator's zone (what "the day before, 18:00" means to a person), so across a daylight-saving change it is
/// 23 or 25 elapsed hours; "T−1 h" is one elapsed hour. Everything is returned in UTC.
/// </summary>
public static class LaunchPlan
{
    public static IReadOnlyList<PlannedReminder> Propose(DateTimeOffset launchAtUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(launchAtUtc, zone).DateTime;
        var dayBefore = LocalTime.ToUtc(local.AddDays(-1), zone)!.Value;
        return
        [
            new(ReminderKind.TopUp, "Top up Stars: the day before", dayBefore),
            new(ReminderKind.TopUp, "Top up Stars: one hour before", launchAtUtc.ToUniversalTime().AddHours(-1)),
            new(ReminderKind.LiveNow, "Live now", launchAtUtc.ToUniversalTime()),
        ];
    }

    /// <summary>"Sat 28 Mar, 18:00 (Europe/Berlin)": for the creator and for {launch_time}.</summary>
    public static string Format(DateTimeOffset utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(utc, zone).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";

    public static DateTime ToLocal(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;
}

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
