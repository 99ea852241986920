using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Settings;

namespace StarsStudio.Features.Catalog;

/// <summary>One line of the launch checklist: computed from data, never ticked by hand.</summary>
public sealed record ChecklistItem(string Key, string Label, bool Met, string Detail);

/// <summary>
/// What must be true before an action goes live. Items about copy come from the copy coach; items about
/// the handoff are checked against the running system (payload signing round-trips, the pre-checkout
/// handler is registered, the charge id column is unique) rather than asserted.
/// </summary>
public sealed class LaunchChecklist(
    IDbContextFactory<StarsDbContext> dbFactory,
    SettingsService settings,
    BotStatus botStatus,
    InvoicePayloadSigner signer,
    IEnumerable<IBotUpdateHandler> handlers,
    IEnumerable<IChecklistContributor> contributors)
{
    public async Task<IReadOnlyList<ChecklistItem>> EvaluateAsync(PaidActionForm form, CancellationToken ct = default)
    {
        var items = new List<ChecklistItem>();
        items.AddRange(CopyItems(form));

        var probe = new Order { Id = 1, Code = "SS-PROBE0", BuyerId = 1, ActionId = form.Id ?? 0, ActionVersion = 1, Stars = form.PriceStars };
        var payload = signer.Sign(1, probe);
        items.Add(new("payload", "Each invoice maps to one order", signer.Verify(payload, 1, probe) && !signer.Verify(payload, 1, new Order { Id = 2, Code = "x", Stars = form.PriceStars }),
            "Invoices carry a signed order reference; a forged or reused one is refused."));
        var guarded = handlers.Any(h => h is PreCheckoutHandler);
        items.Add(new("amount", "Amount checked at pre-checkout", guarded, guarded ? "Pre-checkout refuses a wrong amount, currency, version, buyer or an expired invoice." : "The pre-checkout handler is missing."));
        items.Add(new("after-payment", "Delivery only after payment", handlers.Any(h => h is SuccessfulPaymentHandler) && DeliverableReady(form),
            DeliverableReady(form) ? "Delivered by the outbox after Telegram confirms the payment." : "Add the deliverable first."));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var unique = db.Model.FindEntityType(typeof(Order))!.GetIndexes().Any(i => i.IsUnique && i.Properties.Any(p => p.Name == nameof(Order.ChargeId)));
            items.Add(new("charge-id", "Charge id stored for refunds", unique, "Each payment's telegram_payment_charge_id is stored once and shown to support."));
        }
        var texts = await settings.BuyerTextsAsync(ct);
        var supportOk = !string.IsNullOrWhiteSpace(texts.Support) && !string.IsNullOrWhiteSpace(texts.Terms) && !string.IsNullOrWhiteSpace(texts.Privacy);
        items.Add(new("support", "Support, terms and privacy texts set", supportOk, supportOk ? "/paysupport, /terms and /privacy answer." : "Fill them in Settings."));
        var connected = botStatus.State is BotState.Live or BotState.Practice;
        items.Add(new("bot", "Bot connected", connected, botStatus.State switch
        {
            BotState.Live => $"Live as @{botStatus.Username}.",
            BotState.Practice => "Practice mode: buyers are virtual until you connect your bot in Settings.",
            _ => botStatus.Problem ?? "The bot is not running.",
        }));
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

    private static bool DeliverableReady(PaidActionForm form) => form.Kind switch
    {
        ActionKind.File => form.FileId is not null,
        ActionKind.CreditPack => form.CreditAmount > 0,
        ActionKind.PrivateText => !string.IsNullOrWhiteSpace(form.TextContent),
        ActionKind.PaidCommand => !string.IsNullOrWhiteSpace(form.CommandName) && (form.CommandMode != Reports.CommandMode.Reply || !string.IsNullOrWhiteSpace(form.CommandReply)),
        ActionKind.Report or ActionKind.Service => !Reports.ReportFormRules.Validate(form).Any(),
        _ => false,
    };
}

/// <summary>Lets later features (reminders) add checklist lines without the checklist knowing them.</summary>
public interface IChecklistContributor
{
    Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct);
}
