using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;

namespace StarsStudio.Features.Reminders;

/// <summary>The launch checklist's lines about the launch plan: a launch time, and a top-up reminder before it.</summary>
public sealed class LaunchPlanChecklist(IDbContextFactory<StarsDbContext> dbFactory, SettingsService settings) : IChecklistContributor
{
    public static readonly ReminderStatus[] Planned = [ReminderStatus.Scheduled, ReminderStatus.Sending, ReminderStatus.Completed];

    public async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct)
    {
        var zone = await settings.TimeZoneAsync(ct);
        var launchAt = LocalTime.ToUtc(form.LaunchAtLocal, zone);
        var items = new List<ChecklistItem>
        {
            new("launch-time", "Launch time set", launchAt is not null,
                launchAt is { } at ? $"Launch: {LaunchPlan.Format(at, zone)}." : "Set the planned launch below, then plan reminders."),
        };
        if (form.Id is not { } id || launchAt is not { } launch)
        {
            items.Add(new("topup-reminder", "Top-up reminder planned before launch", false,
                "Save the action with a launch time, then press Plan reminders: buyers with no Stars are warned in time."));
            return items;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = db.Reminders.Where(r => r.ActionId == id && r.Kind == ReminderKind.TopUp && r.SendAt < launch);
        var scheduled = await before.Where(r => Planned.Contains(r.Status)).Select(r => r.SendAt).ToListAsync(ct);
        var drafts = await before.CountAsync(r => r.Status == ReminderStatus.Draft, ct);
        items.Add(scheduled.Count > 0
            ? new("topup-reminder", "Top-up reminder planned before launch", true, $"First one: {LaunchPlan.Format(scheduled.Min(), zone)}.")
            : new("topup-reminder", "Top-up reminder planned before launch", false,
                drafts > 0 ? $"{drafts} draft{(drafts == 1 ? " is" : "s are")} waiting in Reminders: check and schedule {(drafts == 1 ? "it" : "them")}." : "Press Plan reminders to warn buyers to top up their Stars in time."));
        return items;
    }
}
