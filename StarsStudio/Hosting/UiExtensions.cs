using MudBlazor.Services;
using StarsStudio.Components;

namespace StarsStudio.Hosting;

public static class UiExtensions
{
    public static WebApplicationBuilder AddStarsUi(this WebApplicationBuilder builder)
    {
        // Serve static web assets (MudBlazor, wwwroot-assets) from the build output in every environment, not
        // only Development: tests and `dotnet run` in Production read them from the same manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        return builder;
    }

    public static WebApplication MapStarsUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStarsSetupGate();
        // Explicit so the setup gate runs before the fallback policy sends everyone to the login page.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
