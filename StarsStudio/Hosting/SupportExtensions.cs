using StarsStudio.Bot.Commands;
using StarsStudio.Features.Audit;
using StarsStudio.Bot;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Support;
using StarsStudio.Features.Team;

namespace StarsStudio.Hosting;

/// <summary>Orders browser, refunds, the /paysupport inbox, reconciliation, the dashboard and the CSV export.</summary>
public static class SupportExtensions
{
    public const string ExportPath = "/orders/export.csv";

    public static WebApplicationBuilder AddStarsSupport(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RefundService>();
        services.AddSingleton<OrderSupportService>();
        services.AddSingleton<OrderQuery>();
        services.AddSingleton<SupportNotifier>();
        services.AddSingleton<SupportDesk>();
        services.AddSingleton<SupportQueues>();
        services.AddSingleton<ReconciliationService>();
        services.AddHostedService<ReconciliationWorker>();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<RefundedPaymentHandler>();
        services.AddSingleton<SupportCallbackHandler>();
        services.AddSingleton<SupportTextHandler>();
        services.AddSingleton<IBotCommand, PaySupportCommand>();
        return builder;
    }

    /// <summary>The CSV export of the orders grid's filtered set, written to the response row by row.</summary>
    public static WebApplication MapStarsSupport(this WebApplication app)
    {
        app.MapGet(ExportPath, async (HttpContext http, OrderQuery orders, SettingsService settings, AuditLog audit) =>
        {
            var filter = OrderFilter.FromQuery(key => http.Request.Query[key].FirstOrDefault());
            var zone = await settings.TimeZoneAsync(http.RequestAborted);
            http.Response.ContentType = "text/csv; charset=utf-8";
            // Named so a rehearsal file is never mistaken for real sales once it sits in a downloads folder.
            var name = filter.View == DataView.Practice ? "practice-orders" : "orders";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            await audit.WriteAsync(CurrentActor.NameOf(http.User), "order", $"Exported orders as CSV ({(filter.ToQueryString() is { Length: > 0 } q ? q : "all live orders")}).", http.RequestAborted);
            await OrderQuery.WriteCsvAsync(http.Response.Body, orders.StreamAsync(filter, zone, http.RequestAborted), zone, http.RequestAborted);
        }).RequireAuthorization(Policies.Support);
        return app;
    }
}
