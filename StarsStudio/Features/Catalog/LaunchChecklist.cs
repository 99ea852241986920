using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// What must be true before an action goes live. Items about copy come from the copy coach; every other item comes
/// from the feature that owns the fact (the handoff from Payments, delivery from Delivery, support texts and the bot
/// from Settings, top-up reminders from Reminders) through <see cref="IChecklistContributor"/>, so Catalog needs
/// none of them.
/// </summary>
public sealed class LaunchChecklist(IEnumerable<IChecklistContributor> contributors)
{
    public async Task<IReadOnlyList<ChecklistItem>> EvaluateAsync(PaidActionForm form, CancellationToken ct = default)
    {
        var items = new List<ChecklistItem>();
        items.AddRange(CopyItems(form));
        foreach (var contributor in contributors)
            items.AddRange(await contributor.ItemsAsync(form, ct));
        return items;
    }

    /// <summary>The lines that come from the form's copy alone: pure, so the editor refreshes them as the creator types.</summary>
    public static IEnumerable<ChecklistItem> CopyItems(PaidActionForm form)
    {
        var findings = CopyCoach.Review(form.ToCopyInput());
        var promise = findings.Where(f => f.Field == CopyField.Promise).ToList();
        yield return new("promise", "Specific promise", promise.Count == 0,
            promise.Count == 0 ? $"After paying, you get {form.Promise.Trim()}" : promise[0].Why);
        var title = findings.Where(f => f.Field == CopyField.Title).ToList();
        yield return new("title", "Human title", title.Count == 0, title.Count == 0 ? form.Title.Trim() : title[0].Why);
        var problems = findings.Count(f => f.Severity == FindingSeverity.Problem);
        yield return new("copy", "Copy a buyer understands", problems == 0,
            problems == 0 ? "The copy coach found nothing that blocks a launch." : $"The copy coach found {problems} problem{(problems == 1 ? "" : "s")} to fix.");
    }
}
