using StarsStudio.Features.Payments;
using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Reports;
using StarsStudio.Features.Reports.Bot;

namespace StarsStudio.Hosting;

/// <summary>Generated reports and mini-services: questions before the invoice, queued generation, signed service calls.</summary>
public static class ReportsExtensions
{
    public static WebApplicationBuilder AddStarsReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section)
            .Validate(o => o.MaxConcurrent is >= 1 and <= 64, "Reports:MaxConcurrent must be 1 to 64.")
            .Validate(o => o.ServiceTimeoutSeconds is >= 1 and <= 600, "Reports:ServiceTimeoutSeconds must be 1 to 600.")
            .ValidateOnStart();
        // Not logged by IHttpClientFactory: a creator's service URL may carry its own key in the path or query.
        services.AddHttpClient(ServiceCaller.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<ReportGate>();
        services.AddSingleton<ServiceSecrets>();
        services.AddSingleton<ServiceCaller>();
        services.AddSingleton<ServiceTester>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportDeliverySteps>();
        services.AddSingleton<IDeliverer, ReportDeliverer>();
        services.AddSingleton<IDeliverer, ServiceDeliverer>();
        services.AddSingleton<ICommandUseRunner, CommandUseRunner>();
        services.AddSingleton<QuestionFlow>();
        services.AddSingleton<ICheckoutQuestions>(sp => sp.GetRequiredService<QuestionFlow>());
        services.AddSingleton<QuestionAnswerHandler>();
        services.AddSingleton<IBotCommand, CancelQuestionsCommand>();
        services.AddScoped<ServiceSecretReveal>();
        return builder;
    }
}
