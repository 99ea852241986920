using StarsStudio.Bot.Commands;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Delivery.Bot;

namespace StarsStudio.Hosting;

/// <summary>Delivery after payment: the outbox worker, one deliverer per kind, credits, and what a buyer owns.</summary>
public static class DeliveryExtensions
{
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
        services.AddSingleton<IChecklistContributor, DeliveryChecklist>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<SendAgainButtonHandler>();
        services.AddSingleton<IBotCommand, PurchasesCommand>();
        services.AddSingleton<IBotCommand, BalanceCommand>();
        services.AddSingleton<IDynamicCommand, PaidCommandRunner>();
        return builder;
    }
}
