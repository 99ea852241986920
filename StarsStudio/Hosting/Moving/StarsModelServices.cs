using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// The application services a context outside the app needs so its model is the app's: Identity reads its schema
/// version (3: passkeys) from them, as in <see cref="Data.PostgresDesignTimeFactory"/>. EF Core caches a model per
/// context type inside an internal service provider that contexts with the same options share, and the schema
/// version is not part of that key: a context built earlier without these services (StartupChecks' migration list)
/// would hand its passkey-less model to ours. <see cref="Apply{T}"/> gives ours a provider, and a model, of its own.
/// </summary>
internal static class StarsModelServices
{
    private static readonly Lazy<IServiceProvider> Provider = new(() =>
    {
        var services = new ServiceCollection();
        services.AddOptions<IdentityOptions>().Configure(IdentityExtensions.ConfigureIdentity);
        return services.BuildServiceProvider();
    });

    public static IServiceProvider Instance => Provider.Value;

    public static DbContextOptionsBuilder<T> Apply<T>(this DbContextOptionsBuilder<T> options) where T : DbContext =>
        options.UseApplicationServiceProvider(Instance).EnableServiceProviderCaching(false);
}
