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
        services.AddOptions<PracticeOptions>().BindConfiguration(PracticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var dataDirectory = StarsStudioOptions.From(builder.Configuration).FullDataDirectory;
        var connectionString = $"Data Source={Path.Combine(dataDirectory, "practice.db")}";
        // Same per-connection pragmas as the app: with WAL, NORMAL sync skips an fsync per write. Pooled: the group
        // commit takes a context per batch, and building a fresh one's services was 3 % of a rehearsal's CPU.
        services.AddPooledDbContextFactory<PracticeDbContext>(o => o.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30)).AddInterceptors(new SqlitePragmas()));
        // Before the bot host: its first getMe goes to this emulator, whose tables must exist by then.
        services.AddHostedService<PracticeDatabaseInitializer>();

        services.AddSingleton<PracticeStore>();
        services.AddSingleton<PracticeEmulator>();
        services.AddSingleton<PracticeControl>();
        services.AddHttpClient(WebhookDeliverer.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<WebhookDeliverer>();
        return builder;
    }

    public static WebApplication MapStarsPractice(this WebApplication app)
    {
        BotApiEndpoints.Map(app);
        ControlEndpoints.Map(app);
        return app;
    }
}
