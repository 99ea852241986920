using System.Globalization;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

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
