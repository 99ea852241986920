using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Catalog;

/// <summary>Converts times the creator typed in their zone to UTC, correctly across daylight-saving changes.</summary>
public static class LocalTime
{
    public static DateTimeOffset? ToUtc(DateTime? local, TimeZoneInfo zone)
    {
        if (local is not { } l) return null;
        var unspecified = DateTime.SpecifyKind(l, DateTimeKind.Unspecified);
        // A time skipped by a spring-forward change does not exist; move it forward by the gap.
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
