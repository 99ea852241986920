using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Features.Catalog;

/// <summary>Lets later features (reminders) add checklist lines without the checklist knowing them.</summary>
public interface IChecklistContributor
{
    Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct);
}
