using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Hosting;

public static class DataExtensions
{
    /// <summary>SQLite through EF Core; one context per operation via the factory (circuits and loops are long-lived).</summary>
    public static WebApplicationBuilder AddStarsData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StarsStudioOptions>().BindConfiguration(StarsStudioOptions.Section);
        var options = builder.Configuration.GetSection(StarsStudioOptions.Section).Get<StarsStudioOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString("StarsStudio");
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(options.FullDataDirectory, "stars-studio.db")}";

        StartupChecks.EnsureWritableDataDirectory(options.FullDataDirectory);
        StartupChecks.EnsureStarsStudioDatabase(connectionString);

        builder.Services.AddDbContextFactory<StarsDbContext>(o => o
            .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
            .AddInterceptors(new SqlitePragmas()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
