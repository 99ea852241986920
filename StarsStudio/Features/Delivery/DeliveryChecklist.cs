using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>The launch checklist's delivery line: payments reach the recorder and the kind's deliverer has what it needs.</summary>
public sealed class DeliveryChecklist(IEnumerable<IDeliverer> deliverers, IUpdateRoutes routes) : IChecklistContributor
{
    public Task<IReadOnlyList<ChecklistItem>> ItemsAsync(PaidActionForm form, CancellationToken ct)
    {
        var ready = deliverers.FirstOrDefault(d => d.Kind == form.Kind)?.IsReady(form) == true;
        var recorded = routes.Find(new Telegram.Bot.Types.Update { Message = new() { SuccessfulPayment = new() } }) is { Handler: SuccessfulPaymentHandler, IsMoney: true };
        var afterPayment = recorded && ready;
        IReadOnlyList<ChecklistItem> items =
        [
            new("after-payment", "Delivery only after payment", afterPayment,
                ready ? "Delivered by the outbox after Telegram confirms the payment." : "Add the deliverable first."),
        ];
        return Task.FromResult(items);
    }
}
