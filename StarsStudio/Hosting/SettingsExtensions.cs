using StarsStudio.Bot.Commands;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;

namespace StarsStudio.Hosting;

/// <summary>The bot's settings: token, texts (/terms, /privacy), time zone, and their launch checklist lines.</summary>
public static class SettingsExtensions
{
    public static WebApplicationBuilder AddStarsSettings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SettingsService>();
        services.AddSingleton<Features.Languages.BuyerWords>();
        services.AddSingleton<IChecklistContributor, SettingsChecklist>();
        services.AddSingleton<IBotCommand, TermsCommand>();
        services.AddSingleton<IBotCommand, PrivacyCommand>();
        return builder;
    }
}
