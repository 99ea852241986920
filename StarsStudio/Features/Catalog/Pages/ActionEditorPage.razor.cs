using Microsoft.AspNetCore.Components;
using MudBlazor;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Catalog.Pages;

public partial class ActionEditorPage
{
    [Inject] private LaunchChecklist LaunchChecklist { get; set; } = default!;

    private IReadOnlyList<ChecklistItem> checklist = [];

    /// <summary>Recomputes everything derived from the form: the copy findings and the checklist.</summary>
    private async Task ReviewAsync()
    {
        if (form is null) return;
        checklist = await LaunchChecklist.EvaluateAsync(form);
    }

    private async Task GoLiveAsync()
    {
        if (!await SaveAsync()) return;
        await ReviewAsync();
        var unmet = checklist.Where(i => !i.Met).ToList();
        if (unmet.Count > 0)
        {
            var go = await Dialogs.ShowMessageBoxAsync("Go live with open checklist items?",
                "These are not done yet: " + string.Join("; ", unmet.Select(i => $"{i.Label} ({i.Detail})")) + ". Buyers can buy as soon as it is live.",
                yesText: "Go live anyway", cancelText: "Not yet");
            if (go != true) return;
        }
        await SetStatusAsync(ActionStatus.Live);
    }
}
