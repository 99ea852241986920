using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Team;

namespace StarsStudio.Features.Catalog.Pages;

public partial class ActionEditorPage
{
    [Parameter] public int? Id { get; set; }

    private static readonly ActionKind[] SellableKinds = [ActionKind.File, ActionKind.CreditPack, ActionKind.PrivateText, ActionKind.PaidCommand, ActionKind.Report, ActionKind.Service];
    private PaidActionForm? form;
    private PaidAction? existing;
    private EditContext editContext = default!;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private bool saving, uploading, kindLocked;
    /// <summary>A service signing secret made in this visit, shown once (Features/Reports).</summary>
    private string? revealedSecret;

    private IReadOnlyList<CopyFinding> findings = [];
    /// <summary>The creator's default language (Settings): the form's own fields; <see cref="selected"/> is the one being edited.</summary>
    private string defaultLanguage = Languages.BuyerLanguages.English;
    private string selected = Languages.BuyerLanguages.English;
    /// <summary>The action's launch offers, so the coach can tell a promised discount from a real one.</summary>
    private CopyOffer? copyOffer;
    /// <summary>The full checklist as last evaluated against the system (load, save, kind or status change).</summary>
    private IReadOnlyList<ChecklistItem> evaluated = [];
    /// <summary>What the panel shows: <see cref="evaluated"/> with its copy lines kept current as the creator types.</summary>
    private IReadOnlyList<ChecklistItem> checklist = [];

    protected override async Task OnParametersSetAsync()
    {
        zone = await Settings.TimeZoneAsync();
        defaultLanguage = Languages.BuyerLanguages.Find((await Settings.GetAsync()).DefaultLanguage)?.Code ?? Languages.BuyerLanguages.English;
        selected = defaultLanguage;
        if (Id is { } id)
        {
            existing = await Catalog.GetAsync(id);
            if (existing is null) { Navigation.NavigateTo("/actions"); return; }
            form = PaidActionForm.From(existing, zone);
            revealedSecret = SecretReveal.Take(id) ?? revealedSecret;
            kindLocked = await Catalog.HasOrdersAsync(id);
            copyOffer = await Offers.ForCopyAsync(id, CancellationToken.None);
        }
        else
        {
            form = new PaidActionForm();
        }
        form.DefaultLanguage = defaultLanguage;
        editContext = new EditContext(form);
        await EvaluateChecklistAsync();
    }

    private void SelectLanguage(string code)
    {
        selected = code;
        ReviewCopy();
    }

    private static string LanguageName(string code) => Languages.BuyerLanguages.Find(code)?.EnglishName ?? code;

    /// <summary>What the preview shows for a field in the selected language: its translation, else the default text (as the buyer would get).</summary>
    private string Shown(string field)
    {
        var own = field switch { nameof(PaidActionForm.Title) => form!.Title, nameof(PaidActionForm.Promise) => form!.Promise, _ => form!.Description };
        if (selected == defaultLanguage) return own;
        var translated = form.Translations.FirstOrDefault(t => t.Language == selected)?[field];
        return string.IsNullOrWhiteSpace(translated) ? own : translated;
    }

    /// <summary>
    /// Runs the whole launch checklist, which reads settings, the bot and the database. Only on load, save and
    /// kind or status changes: a 250 ms keystroke gets <see cref="ReviewCopy"/> instead.
    /// </summary>
    private async Task EvaluateChecklistAsync()
    {
        if (form is null) return;
        evaluated = await LaunchChecklist.EvaluateAsync(form);
        ReviewCopy();
    }

    /// <summary>What the copy alone decides, live as the creator types: the coach's findings and the checklist's copy lines.</summary>
    private void ReviewCopy()
    {
        if (form is null) return;
        findings = CopyCoach.Review(form.ToCopyInput() with { Offer = copyOffer });
        var copyLines = LaunchChecklist.CopyItems(form).ToDictionary(i => i.Key);
        checklist = [.. evaluated.Select(i => copyLines.GetValueOrDefault(i.Key, i))];
    }

    private async Task KindChanged(ActionKind kind)
    {
        form!.Kind = kind;
        await EvaluateChecklistAsync();
    }

    /// <summary>The choice changes what the buyer reads first, so the coach and the preview follow at once.</summary>
    private void DeepLinkOpeningChanged(bool opensInvoice)
    {
        form!.DeepLinkOpensInvoice = opensInvoice;
        ReviewCopy();
    }

    private string DeepLinkOpeningHelp => form switch
    {
        { DeepLinkOpensInvoice: false } => "The link shows the card with a Buy button; the invoice follows the tap.",
        { OpensWithInvoice: false } => "This action asks its questions first, so its link shows the card; the invoice follows the answers.",
        _ => "The invoice's title and description are all the buyer reads before paying. The catalog still shows the card.",
    };

    private string PreviewFlow => form?.OpensWithInvoice == true
        ? "From the link: the invoice alone (its title and description carry the card). In the catalog: the card, then the invoice after Buy."
        : "The card in the chat, then the invoice after Buy.";

    /// <summary>Debounced field edits arrive off the render flow, so they re-render through InvokeAsync.</summary>
    private void Review() => _ = InvokeAsync(() => { ReviewCopy(); StateHasChanged(); });

    /// <summary>
    /// The link name the internal name suggests, shown as a placeholder and used on save only if the field is
    /// still empty. (Filling the field when the name lost focus raced the creator's own typing on a slow link:
    /// the suggestion could arrive after they typed a link name and replace it.)
    /// </summary>
    private string? SuggestedSlug => string.IsNullOrWhiteSpace(form?.Name) ? null : Slugs.From(form.Name);

    /// <summary>"Use this": the coach's suggested line replaces the field it is about.</summary>
    private void UseSuggestion(CopyFinding finding)
    {
        if (finding.Language is { } language)
        {
            if (finding.Field is not (CopyField.Title or CopyField.Description or CopyField.Promise)) return;
            form!.TranslationFor(language)[finding.Field] = finding.Suggestion;
            selected = language;
            ReviewCopy();
            return;
        }
        switch (finding.Field)
        {
            case CopyField.Title: form!.Title = finding.Suggestion; break;
            case CopyField.Description: form!.Description = finding.Suggestion; break;
            case CopyField.Promise: form!.Promise = finding.Suggestion; break;
            default: return;
        }
        editContext.NotifyFieldChanged(editContext.Field(finding.Field));
        ReviewCopy();
    }

    private async Task SubmitAsync()
    {
        if (string.IsNullOrWhiteSpace(form!.Slug) && SuggestedSlug is { } suggested) form.Slug = suggested;
        if (editContext!.Validate()) { await SaveAsync(); return; }
        // A translation's problem is shown by its field, which is only on screen with its language selected.
        if (form.TranslationProblems().FirstOrDefault() is { } problem)
        {
            selected = problem.Language;
            Snackbar.Add(problem.ToString(), Severity.Error);
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        uploading = true;
        try
        {
            await using var stream = e.File.OpenReadStream(FileStore.MaxBytes);
            var stored = await Files.SaveAsync(stream, e.File.Name, e.File.ContentType);
            form!.FileId = stored.Id;
            form.FileName = stored.FileName;
            form.FileContentType = stored.ContentType;
            form.FileSize = stored.Size;
            editContext.NotifyFieldChanged(editContext.Field(nameof(PaidActionForm.FileId)));
            Snackbar.Add($"Uploaded {stored.FileName}. Save to use it.", Severity.Success);
        }
        catch (Exception ex) when (ex is IOException or FileTooLargeException)
        {
            Snackbar.Add(ex is FileTooLargeException ? ex.Message : $"Files can be at most {FileStore.MaxBytes / 1024 / 1024} MB.", Severity.Error);
        }
        finally { uploading = false; }
    }

    /// <summary>Saves the form; on success the checklist is evaluated again against what was saved.</summary>
    private async Task<bool> SaveAsync()
    {
        saving = true;
        try
        {
            if (existing is not null && form!.ToTerms() != existing.Terms && await Catalog.HasOpenInvoicesAsync(existing.Id))
            {
                var go = await Dialogs.ShowMessageBoxAsync("Save a new version?",
                    "Buyers have open invoices for the current version. After saving, those invoices are refused at checkout and the buyers are asked to tap Buy again.",
                    yesText: "Save new version", cancelText: "Keep editing");
                if (go != true) return false;
            }
            if (form!.NeedsServiceSecret)
            {
                var (plain, protectedSecret) = ServiceSecrets.Create();
                form.ProtectedServiceSecret = protectedSecret;
                revealedSecret = plain;
            }
            var result = await Catalog.SaveAsync(await Auth.ActorAsync(), form!, zone);
            if (!result.Succeeded) { Snackbar.Add(result.Error!, Severity.Error); return false; }
            if (revealedSecret is not null) SecretReveal.Hold(result.Action!.Id, revealedSecret);
            Snackbar.Add(result.NewVersion ? $"Saved as version {result.Action!.Version}." : "Saved.", Severity.Success);
            if (Id is null) Navigation.NavigateTo($"/actions/{result.Action!.Id}");
            else { existing = await Catalog.GetAsync(result.Action!.Id); await EvaluateChecklistAsync(); }
            return true;
        }
        finally { saving = false; }
    }

    private async Task GoLiveAsync()
    {
        // Saving evaluates the checklist again, so the open items below are those of what is about to go live.
        if (!await SaveAsync()) return;
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

    private async Task SetStatusAsync(ActionStatus status)
    {
        await Catalog.SetStatusAsync(await Auth.ActorAsync(), existing!.Id, status);
        existing = await Catalog.GetAsync(existing.Id);
        Snackbar.Add(status == ActionStatus.Live ? "Live! Buyers can buy it now." : $"Now {status}.", status == ActionStatus.Live ? Severity.Success : Severity.Info);
        await EvaluateChecklistAsync();
    }

    private async Task ArchiveAsync()
    {
        var go = await Dialogs.ShowMessageBoxAsync("Archive this action?", "Buyers can no longer buy it and open invoices are refused. Past orders and deliveries stay as they are.",
            yesText: "Archive", cancelText: "Cancel");
        if (go == true) await SetStatusAsync(ActionStatus.Archived);
    }
}
