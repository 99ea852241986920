using Microsoft.AspNetCore.Components;
using MudBlazor;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Features.Catalog.Pages;

public partial class ActionEditorPage
{
    [Inject] private LaunchChecklist LaunchChecklist { get; set; } = default!;

    private IReadOnlyList<ChecklistItem> checklist = [];
    private IReadOnlyList<CopyFinding> findings = [];

    /// <summary>Recomputes everything derived from the form, live as the creator types: copy findings and the checklist.</summary>
    private async Task ReviewAsync()
    {
        if (form is null) return;
        findings = CopyCoach.Review(form.ToCopyInput());
        checklist = await LaunchChecklist.EvaluateAsync(form);
    }

    /// <summary>"Use this": the coach's suggested line replaces the field it is about.</summary>
    private async Task UseSuggestionAsync(CopyFinding finding)
    {
        switch (finding.Field)
        {
            case CopyField.Title: form!.Title = finding.Suggestion; break;
            case CopyField.Description: form!.Description = finding.Suggestion; break;
            case CopyField.Promise: form!.Promise = finding.Suggestion; break;
            default: return;
        }
        editContext.NotifyFieldChanged(editContext.Field(finding.Field));
        await ReviewAsync();
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
