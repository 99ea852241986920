using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Control;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Hosting;

public static class PracticeExtensions
{
    /// <summary>The built-in Telegram emulator with its own database (practice.db), buyers and control API.</summary>
    public static WebApplicationBuilder AddStarsPractice(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PracticeOptions>().BindConfiguration(PracticeOptions.Section);
        var dataDirectory = (builder.Configuration.GetSection(StarsStudioOptions.Section).Get<StarsStudioOptions>() ?? new()).FullDataDirectory;
        var connectionString = $"Data Source={Path.Combine(dataDirectory, "practice.db")}";
        // Same per-connection pragmas as the app: with WAL, NORMAL sync skips an fsync per write.
        services.AddDbContextFactory<PracticeDbContext>(o => o.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30)).AddInterceptors(new SqlitePragmas()));
        // Before the bot host: its first getMe goes to this emulator, whose tables must exist by then.
        services.AddHostedService<PracticeDatabaseInitializer>();

        services.AddSingleton<PracticeStore>();
        services.AddSingleton<PracticeEmulator>();
        services.AddSingleton<PracticeControl>();
        // The bot's own client must reach /practice even though Telegram.Bot drops the path of its base URL.
        services.AddHttpClient(TelegramClientFactory.HttpClientName)
            .AddHttpMessageHandler(sp => new PracticePathHandler(() => ApiBase(sp.GetRequiredService<IOptionsMonitor<TelegramOptions>>(), sp.GetRequiredService<BotConnectionResolver>())));
        services.AddHttpClient(WebhookDeliverer.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<WebhookDeliverer>();
        return builder;
    }

    /// <summary>
    /// Where the bot's requests go: the configured Telegram:ApiBaseUrl (a self-hosted Bot API behind a path, or
    /// another process's emulator), else this app's own emulator. Its path is what Telegram.Bot drops.
    /// </summary>
    private static Uri? ApiBase(IOptionsMonitor<TelegramOptions> options, BotConnectionResolver resolver)
    {
        if (Uri.TryCreate(options.CurrentValue.ApiBaseUrl?.Trim(), UriKind.Absolute, out var configured)) return configured;
        try { return new Uri(resolver.PracticeApiBaseUrl()); }
        catch (InvalidOperationException) { return null; }
    }

    public static WebApplication MapStarsPractice(this WebApplication app)
    {
        BotApiEndpoints.Map(app);
        ControlEndpoints.Map(app);
        return app;
    }
}
