using Microsoft.Extensions.FileProviders;
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
        // Brand assets are public and need no circuit: served before the setup gate and sign-in.
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/assets", FileProvider = new PhysicalFileProvider(BrandAssetsFolder(app.Environment)) });
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

    /// <summary>wwwroot-assets beside the project (dotnet run, tests) or beside the binaries (published).</summary>
    private static string BrandAssetsFolder(IWebHostEnvironment env)
    {
        string[] candidates = [Path.Combine(env.ContentRootPath, "..", "wwwroot-assets"), Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")];
        return Path.GetFullPath(candidates.FirstOrDefault(Directory.Exists) ?? candidates[1]);
    }
}
