using StarsStudio.Features.Catalog;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Hosting;

/// <summary>Top-up reminders, the launch plan and the broadcaster.</summary>
public static class RemindersExtensions
{
    public static WebApplicationBuilder AddStarsReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReminderSignal>();
        services.AddSingleton<ReminderNotifier>();
        services.AddSingleton<BroadcastPacer>();
        services.AddSingleton<RemindersService>();
        services.AddSingleton<IChecklistContributor, LaunchPlanChecklist>();
        services.AddSingleton<RemindersBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<RemindersBroadcaster>());
        return builder;
    }
}
