using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Hosting;

/// <summary>The paid actions, the purchase handoff and delivery.</summary>
public static class CommerceExtensions
{
    public static WebApplicationBuilder AddStarsCatalog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CatalogService>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<LaunchChecklist>();
        services.AddSingleton<IBotCommand, StartCommand>();
        services.AddSingleton<IBotUpdateHandler, CatalogCallbackHandler>();
        return builder;
    }

    public static WebApplicationBuilder AddStarsPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new InvoicePayloadSigner(
            InvoicePayloadSigner.LoadOrCreateKey(sp.GetRequiredService<IOptions<StarsStudioOptions>>().Value.FullDataDirectory)));
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderLifecycle>();
        services.AddSingleton<OrderNotifier>();
        services.AddSingleton<CheckoutService>();
        services.AddSingleton<PaymentRecorder>();
        services.AddSingleton<IBotUpdateHandler, PreCheckoutHandler>();
        services.AddSingleton<IBotUpdateHandler, SuccessfulPaymentHandler>();
        services.AddSingleton<OrderExpiryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderExpiryWorker>());
        return builder;
    }

    public static WebApplicationBuilder AddStarsDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<BuyerLibrary>();
        services.AddSingleton<IDeliverer, FileDeliverer>();
        services.AddSingleton<IDeliverer, CreditDeliverer>();
        services.AddSingleton<IDeliverer, TextDeliverer>();
        services.AddSingleton<IDeliverer, CommandDeliverer>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<IBotCommand, PurchasesCommand>();
        services.AddSingleton<IBotCommand, BalanceCommand>();
        services.AddSingleton<IDynamicCommand, PaidCommandRunner>();
        return builder;
    }
}
