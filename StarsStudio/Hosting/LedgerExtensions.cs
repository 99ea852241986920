using StarsStudio.Bot;
using StarsStudio.Features.Audit;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Team;

namespace StarsStudio.Hosting;

/// <summary>Telegram's ledger: the incremental reader of Star transactions, the ledger page's queries, the balance and the CSV export.</summary>
public static class LedgerExtensions
{
    public const string ExportPath = "/ledger/export.csv";

    public static WebApplicationBuilder AddStarsLedger(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<LedgerQuery>();
        services.AddSingleton<StarBalanceService>();
        return builder;
    }

    /// <summary>The ledger's filtered set as CSV, written row by row while it is read.</summary>
    public static WebApplication MapStarsLedger(this WebApplication app)
    {
        app.MapGet(ExportPath, async (HttpContext http, LedgerQuery ledger, BotClientAccessor bots, SettingsService settings, AuditLog audit) =>
        {
            if (bots.Current is not { } bot) return Results.Problem("The bot is not running, so there is no ledger to export.", statusCode: 409);
            var filter = LedgerFilter.FromQuery(key => http.Request.Query[key].FirstOrDefault());
            var zone = await settings.TimeZoneAsync(http.RequestAborted);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"ledger-{bot.Username}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            await audit.WriteAsync(CurrentActor.NameOf(http.User), "ledger", $"Exported the Star ledger as CSV ({(filter.ToQueryString() is { Length: > 0 } q ? q : "everything")}).", http.RequestAborted);
            await LedgerQuery.WriteCsvAsync(http.Response.Body, ledger.StreamAsync(bot.BotId, filter, zone, http.RequestAborted), zone, http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Policies.Support);
        return app;
    }
}
