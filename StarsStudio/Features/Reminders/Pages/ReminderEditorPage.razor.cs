using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Team;

namespace StarsStudio.Features.Reminders.Pages;

public partial class ReminderEditorPage : IDisposable
{
    [Parameter] public int? Id { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public int? ActionQuery { get; set; }

    private ReminderForm? form;
    private EditContext? editContext;
    private Reminder? existing;
    /// <summary>What Telegram charged for this paid broadcast, from the ledger's telegram_api transactions.</summary>
    private (long Nanostars, int Requests, int Charges)? charged;
    [Inject] private StarsStudio.Features.Ledger.LedgerQuery Ledger { get; set; } = null!;
    private ReminderProgress? progress;
    private IReadOnlyList<PaidAction> actions = [];
    private IReadOnlyList<ReminderChannel> channels = [];
    private IReadOnlyList<string> languages = [];
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private string topUpLink = "";
    private int? audience;
    private bool busy;
    /// <summary>The copy coach's findings for the current text; refreshed when the text or the action changes.</summary>
    private IReadOnlyList<CopyFinding> findings = [];
    /// <summary>The creator's default language (Settings) is <see cref="ReminderForm.Text"/>; <see cref="shown"/> is the version on screen.</summary>
    private string defaultLanguage = Languages.BuyerLanguages.English;
    private string shown = Languages.BuyerLanguages.English;

    private ReminderStatus CurrentStatus => progress?.Status ?? existing?.Status ?? ReminderStatus.Draft;
    private bool locked => existing is not null && !(CurrentStatus is ReminderStatus.Draft or ReminderStatus.Scheduled);
    private PaidAction? SelectedAction => actions.FirstOrDefault(a => a.Id == form?.ActionId);
    private decimal Cost => PaidBroadcastCost.Estimate(audience ?? 0, Options.CurrentValue.PaidMessagesPerSecond);

    protected override async Task OnInitializedAsync()
    {
        Notifier.Changed += OnProgress;
        zone = await Settings.TimeZoneAsync();
        var settings = await Settings.GetAsync();
        topUpLink = settings.TopUpLink;
        defaultLanguage = Languages.BuyerLanguages.Find(settings.DefaultLanguage)?.Code ?? Languages.BuyerLanguages.English;
        shown = defaultLanguage;
        actions = await Reminders.ActionsAsync();
        channels = await Reminders.ChannelsAsync();
        languages = await Reminders.LanguagesAsync();
        if (Id is { } id)
        {
            existing = await Reminders.GetAsync(id);
            if (existing is null) { Navigation.NavigateTo("/reminders"); return; }
            form = ReminderForm.From(existing, zone);
            progress = await Reminders.ProgressAsync(id);
            if (existing.PaidBroadcast && existing.StartedAt is not null) charged = await Ledger.BroadcastChargesAsync(id);
        }
        else
        {
            var action = actions.FirstOrDefault(a => a.Id == ActionQuery);
            form = new ReminderForm { ActionId = action?.Id, BuyButton = action is not null };
            if (action?.LaunchAt is { } launch) form.SendAtLocal = LaunchPlan.ToLocal(launch.AddDays(-1), zone);
            if (action is null) form.Text = ReminderText.TopUp.Replace(" for {price}", "").Replace("⭐ {action_title} unlocks with Telegram Stars on {launch_time}", "⭐ Our next drop unlocks with Telegram Stars");
        }
        form.DefaultLanguage = defaultLanguage;
        editContext = new EditContext(form);
        ReviewCopy();
        await RefreshAudienceAsync();
    }

    private string SendAtHelp => form?.SendAtLocal is { } local && LocalTime.ToUtc(local, zone) is { } utc
        ? $"= {utc:yyyy-MM-dd HH:mm} UTC" + (SelectedAction?.LaunchAt is { } l ? $" · launch {LaunchPlan.Format(l, zone)}" : "")
        : "In your time zone (Settings)";

    /// <summary>The shown language's text as a recipient of that language gets it: its translation, else the default text.</summary>
    private string PreviewText => Filled(shown, TextIn(shown));

    private string TextIn(string language) =>
        language != defaultLanguage && form?.Translations.FirstOrDefault(t => t.Language == language)?.Text is { } translated && !string.IsNullOrWhiteSpace(translated)
            ? translated : form?.Text ?? "";

    /// <summary>Placeholders filled for one language, as the broadcaster fills them: {action_title} in that language when translated.</summary>
    private string Filled(string language, string text) =>
        string.IsNullOrWhiteSpace(text) ? "…" : ReminderText.Fill(text, ReminderText.Values(SelectedAction, Status.Username, topUpLink, zone, "Alex", language, string.IsNullOrWhiteSpace(form?.PromoCode) ? null : Features.Offers.PromoCodes.Normalize(form.PromoCode)));

    private string Dir => Languages.BuyerLanguages.IsRightToLeft(shown) ? "rtl" : "auto";
    private static string LanguageName(string code) => Languages.BuyerLanguages.Find(code)?.EnglishName ?? code;
    private string? TranslationProblem => form?.TranslationProblems().FirstOrDefault(p => p.Language == shown)?.Message;

    private void ShowLanguage(string language)
    {
        shown = language;
        ReviewCopy();
    }

    /// <summary>Rules in <see cref="ReminderCopyCoach"/>, for the default text and every translation; run when a text changes, not on every render.</summary>
    private void ReviewCopy() =>
        findings = form is null ? [] : ReminderCopyCoach.ReviewAll(form.Kind, form.Text, Filled(defaultLanguage, form.Text ?? ""), topUpLink, defaultLanguage,
            form.Translations.Where(t => t.Language != defaultLanguage && !string.IsNullOrWhiteSpace(t.Text)).Select(t => (t.Language, t.Text!, Filled(t.Language, t.Text!))));

    private Task ActionChanged(int? id)
    {
        form!.ActionId = id;
        if (id is null) form.BuyButton = false;
        // The action fills {action_title}, {price} and the rest, so the text the coach reads changed.
        ReviewCopy();
        return Task.CompletedTask;
    }

    private async Task ChannelChanged(int? id) { form!.ChannelId = id; await RefreshAudienceAsync(); }
    private async Task FilterChanged(AudienceFilter f) { form!.Filter = f; await RefreshAudienceAsync(); }
    private async Task FilterActionChanged(int? id) { form!.FilterActionId = id; await RefreshAudienceAsync(); }
    private async Task LanguageChanged(string? code) { form!.Language = code; await RefreshAudienceAsync(); }

    private async Task RefreshAudienceAsync()
    {
        if (form is null) return;
        audience = existing is not null && progress is { Total: > 0 } p ? p.Total : await Reminders.AudienceSizeAsync(form);
    }

    private void Insert(string name)
    {
        static string Append(string? text, string name) => (text ?? "").TrimEnd() + (text?.EndsWith('\n') == true || string.IsNullOrEmpty(text) ? "" : " ") + "{" + name + "}";
        if (shown == defaultLanguage) form!.Text = Append(form.Text, name);
        else { var t = form!.TranslationFor(shown); t.Text = Append(t.Text, name); }
        ReviewCopy();
    }

    private void UseDefaultText()
    {
        form!.Text = ReminderText.DefaultFor(form.Kind);
        ReviewCopy();
    }

    private void OnProgress(ReminderProgress p)
    {
        if (p.ReminderId != Id) return;
        _ = InvokeAsync(() => { progress = p; StateHasChanged(); });
    }

    private static string Summary(ReminderProgress p)
    {
        var text = $"Delivered to {p.Sent} of {p.Total} chat{(p.Total == 1 ? "" : "s")}.";
        if (p.Blocked > 0) text += $" {p.Blocked} had blocked the bot and are now marked unreachable.";
        if (p.Failed > 0) text += $" {p.Failed} failed or were interrupted; they are not retried, so nobody gets the message twice.";
        return text;
    }

    private static string FormatEta(TimeSpan eta) => eta.TotalMinutes >= 1 ? $"{Math.Ceiling(eta.TotalMinutes)} min" : $"{Math.Max(1, Math.Ceiling(eta.TotalSeconds))} s";

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var result = await Reminders.SaveAsync(await Auth.ActorAsync(), form!);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            if (result.Succeeded && Id is null) Navigation.NavigateTo($"/reminders/{result.Reminder!.Id}");
            else if (result.Succeeded) existing = result.Reminder;
        }
        finally { busy = false; }
    }

    private async Task ScheduleAsync()
    {
        if (!editContext!.Validate()) return;
        // Read the text as it is now: a keystroke still inside the debounce must not slip past the coach.
        ReviewCopy();
        if (!ReminderCopyCoach.CanSend(findings)) { Snackbar.Add("Fix the copy coach's problems first.", Severity.Warning); return; }
        await RefreshAudienceAsync();
        var count = audience ?? 0;
        var who = form!.ChannelId is not null ? "the channel" : $"{count} buyer{(count == 1 ? "" : "s")}";
        var when = form.SendNow ? "now" : $"on {form.SendAtLocal:ddd d MMM, HH:mm} ({zone.Id})";
        var cost = form.PaidBroadcast ? $" Paid broadcast: up to ⭐ {Cost} from the bot's balance." : "";
        var go = await Dialogs.ShowMessageBoxAsync("Send this reminder?",
            $"It goes to {who} {when} (audience counted again at that moment).{cost}",
            yesText: form.SendNow ? $"Send to {who}" : "Schedule", cancelText: "Not yet");
        if (go != true) return;
        busy = true;
        try
        {
            var result = await Reminders.ScheduleAsync(await Auth.ActorAsync(), form);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            if (!result.Succeeded) return;
            if (Id is null) { Navigation.NavigateTo($"/reminders/{result.Reminder!.Id}"); return; }
            existing = result.Reminder;
            progress = await Reminders.ProgressAsync(existing!.Id);
        }
        finally { busy = false; }
    }

    private Task PauseAsync() => RunAsync(Reminders.PauseAsync);
    private Task ResumeAsync() => RunAsync(Reminders.ResumeAsync);
    private Task UnscheduleAsync() => RunAsync(Reminders.UnscheduleAsync);

    private async Task CancelAsync()
    {
        var go = await Dialogs.ShowMessageBoxAsync("Cancel the rest?", $"{progress?.Remaining} buyers have not got it yet and will not get it.", yesText: "Cancel the rest", cancelText: "Keep sending");
        if (go == true) await RunAsync(Reminders.CancelAsync);
    }

    private async Task DeleteAsync()
    {
        var result = await Reminders.DeleteAsync(await Auth.ActorAsync(), Id!.Value);
        Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
        if (result.Succeeded) Navigation.NavigateTo("/reminders");
    }

    private async Task RunAsync(Func<string, int, CancellationToken, Task<ReminderResult>> transition)
    {
        busy = true;
        try
        {
            var result = await transition(await Auth.ActorAsync(), Id!.Value, default);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Warning);
            existing = await Reminders.GetAsync(Id.Value);
            progress = await Reminders.ProgressAsync(Id.Value);
        }
        finally { busy = false; }
    }

    public void Dispose() => Notifier.Changed -= OnProgress;
}
