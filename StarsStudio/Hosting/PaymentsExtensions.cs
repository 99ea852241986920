using Microsoft.Extensions.Options;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Bot;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Hosting;

/// <summary>The purchase handoff: orders and their lifecycle, the invoice payload, pre-checkout and payment recording.</summary>
public static class PaymentsExtensions
{
    public static WebApplicationBuilder AddStarsPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new InvoicePayloadSigner(
            InvoicePayloadSigner.LoadOrCreateKey(sp.GetRequiredService<IOptions<StarsStudioOptions>>().Value.FullDataDirectory)));
        services.AddSingleton<OrderLifecycle>();
        services.AddSingleton<OrderNotifier>();
        services.AddSingleton<CheckoutService>();
        services.AddSingleton<ApprovedOrders>();
        services.AddSingleton<PaymentRecorder>();
        services.AddSingleton<PreCheckoutHandler>();
        services.AddSingleton<SuccessfulPaymentHandler>();
        services.AddSingleton<BuyButtonHandler>();
        services.AddSingleton<IDeepLinkInvoice, DeepLinkInvoice>();
        services.AddSingleton<IChecklistContributor, HandoffChecklist>();
        services.AddSingleton<OrderExpiryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderExpiryWorker>());
        return builder;
    }
}
