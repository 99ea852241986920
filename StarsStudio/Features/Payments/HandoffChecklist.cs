using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The launch checklist's handoff lines, checked against the running system rather than asserted: payload signing
/// round-trips, pre-checkout queries reach the guardrail, the charge id column is unique.
/// </summary>
public sealed class HandoffChecklist(IDbContextFactory<StarsDbContext> dbFactory, InvoicePayloadSigner signer, IUpdateRoutes routes)
    : IChecklistContributor
{
    public async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct)
    {
        var probe = new Order { Id = 1, Code = "SS-PROBE0", BuyerId = 1, ActionId = form.Id ?? 0, ActionVersion = 1, Stars = form.PriceStars };
        var payload = signer.Sign(1, probe);
        var signs = signer.Verify(payload, 1, probe) && !signer.Verify(payload, 1, new Order { Id = 2, Code = "x", Stars = form.PriceStars });
        // Asked of the routing table itself: would a pre_checkout_query reach the guardrail?
        var guarded = routes.Find(new Telegram.Bot.Types.Update { PreCheckoutQuery = new() }) is { Handler: PreCheckoutHandler, IsMoney: true };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unique = db.Model.FindEntityType(typeof(Order))!.GetIndexes().Any(i => i.IsUnique && i.Properties.Any(p => p.Name == nameof(Order.ChargeId)));
        return
        [
            new("payload", "Each invoice maps to one order", signs, "Invoices carry a signed order reference; a forged or reused one is refused."),
            new("amount", "Amount checked at pre-checkout", guarded, guarded ? "Pre-checkout refuses a wrong amount, currency, version, buyer or an expired invoice." : "The pre-checkout handler is missing."),
            new("charge-id", "Charge id stored for refunds", unique, "Each payment's telegram_payment_charge_id is stored once and shown to support."),
        ];
    }
}
