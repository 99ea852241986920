using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Hosting;

public static class DataExtensions
{
    /// <summary>SQLite through EF Core; one context per operation via the (pooled) factory (circuits and loops are long-lived).</summary>
    public static WebApplicationBuilder AddStarsData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StarsStudioOptions>().BindConfiguration(StarsStudioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = StarsStudioOptions.From(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("StarsStudio");
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(options.FullDataDirectory, "stars-studio.db")}";

        StartupChecks.EnsureWritableDataDirectory(options.FullDataDirectory);
        StartupChecks.EnsureStarsStudioDatabase(connectionString);

        // Pooled: every update and page creates short-lived contexts, and building a fresh one (its internal
        // service scope) was a large share of the bot's CPU under load. Identity's stores get a scoped context
        // from the same pool.
        builder.Services.AddPooledDbContextFactory<StarsDbContext>((sp, o) =>
        {
            o.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30)).AddInterceptors(new SqlitePragmas());
            // Only a rehearsal registers the counter: the normal path runs no interceptor for it.
            if (sp.GetService<SqlStatementCounter>() is { } counter) o.AddInterceptors(counter);
        });
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StarsDbContext>>().CreateDbContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
