using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Hosting;

public static class DataExtensions
{
    /// <summary>SQLite (default) or PostgreSQL through EF Core; one context per operation via the (pooled) factory (circuits and loops are long-lived).</summary>
    public static WebApplicationBuilder AddStarsData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StarsStudioOptions>().BindConfiguration(StarsStudioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = StarsStudioOptions.From(builder.Configuration);
        var database = DatabaseOptions.From(builder.Configuration);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(database));
        var connectionString = builder.Configuration.GetConnectionString("StarsStudio");

        // The data directory is needed on both: practice.db, uploaded deliverables, the payload key.
        StartupChecks.EnsureWritableDataDirectory(options.FullDataDirectory);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new StartupProblemException(
                    "Database:Provider is Postgres but ConnectionStrings:StarsStudio is empty; set it to an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).");
            StartupChecks.EnsureStarsStudioPostgres(connectionString);
            // Pooled for the same reason as SQLite below; the features get the Postgres context through the
            // StarsDbContext factory, so only migrations and Data Protection see the derived type.
            builder.Services.AddPooledDbContextFactory<PostgresStarsDbContext>((sp, o) =>
            {
                o.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(30));
                if (sp.GetService<SqlStatementCounter>() is { } counter) o.AddInterceptors(counter);
            });
            builder.Services.AddSingleton<IDbContextFactory<StarsDbContext>, DerivedDbContextFactory<StarsDbContext, PostgresStarsDbContext>>();
            builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PostgresStarsDbContext>>().CreateDbContext());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                connectionString = $"Data Source={Path.Combine(options.FullDataDirectory, "stars-studio.db")}";
            StartupChecks.EnsureStarsStudioDatabase(connectionString);

            // Pooled: every update and page creates short-lived contexts, and building a fresh one (its internal
            // service scope) was a large share of the bot's CPU under load. Identity's stores get a scoped context
            // from the same pool.
            // Writers take turns in memory instead of sleeping in SQLite's busy handler (Data/SqliteWriteGate.cs).
            builder.Services.AddSingleton<SqliteWriteGate>();
            builder.Services.AddPooledDbContextFactory<StarsDbContext>((sp, o) =>
            {
                o.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
                    .AddInterceptors(new SqlitePragmas(), new SqliteWriteGateInterceptor(sp.GetRequiredService<SqliteWriteGate>()));
                // Only a rehearsal registers the counter: the normal path runs no interceptor for it.
                if (sp.GetService<SqlStatementCounter>() is { } counter) o.AddInterceptors(counter);
            });
        }
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StarsDbContext>>().CreateDbContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Singletons>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        // Open dashboards on every instance hear of order changes made on any of them. After the initializer, so
        // its first LISTEN finds the database it created (hosted services start in the order they are added).
        if (database.Provider == DatabaseProvider.Postgres) builder.Services.AddHostedService<PostgresOrderRelay>();
        return builder;
    }
}
