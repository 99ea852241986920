namespace StarsStudio.Hosting;

/// <summary>
/// The composition root: every area adds itself (AddStars…) and maps its endpoints (MapStars…). Program.cs
/// runs it; the rehearsal benchmark builds the very same app in its own process.
/// </summary>
public static class StarsApp
{
    /// <param name="configure">Runs last, before the app is built: the rehearsal adds its measuring services here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddStarsData();
        builder.AddStarsIdentity();
        builder.AddStarsPractice();
        builder.AddStarsMessages();
        builder.AddStarsBot();
        builder.AddStarsAudit();
        builder.AddStarsBuyers();
        builder.AddStarsCatalog();
        builder.AddStarsPayments();
        builder.AddStarsOffers();
        builder.AddStarsDelivery();
        builder.AddStarsSettings();
        builder.AddStarsReports();
        builder.AddStarsReminders();
        builder.AddStarsSupport();
        builder.AddStarsLedger();
        builder.AddStarsUi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapStarsBot();
        app.MapStarsPractice();
        app.MapStarsSupport();
        app.MapStarsLedger();
        app.MapStarsOffers();
        app.MapStarsUi();
        return app;
    }
}
