using Microsoft.AspNetCore.Identity;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// The application services a context outside the app needs so its model is the app's: Identity reads its schema
/// version (3: passkeys) from them, as in <see cref="Data.PostgresDesignTimeFactory"/>.
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
}
