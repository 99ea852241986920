using StarsStudio.Bot.Commands;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Hosting;

/// <summary>Paid actions, their copy and files, the launch checklist, and the catalog the buyer browses.</summary>
public static class CatalogExtensions
{
    public static WebApplicationBuilder AddStarsCatalog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CatalogService>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<LaunchChecklist>();
        services.AddSingleton<IBotCommand, StartCommand>();
        services.AddSingleton<CatalogCallbackHandler>();
        return builder;
    }
}
