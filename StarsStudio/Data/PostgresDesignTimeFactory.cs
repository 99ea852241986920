using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using StarsStudio.Hosting;

namespace StarsStudio.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgresStarsDbContext</c> build the Postgres model without a
/// server or a configured app (adding a migration never connects). Identity reads its schema version from the
/// application's services, so they carry the app's Identity options: otherwise the model would lose version 3.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStarsDbContext>
{
    public PostgresStarsDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection();
        services.AddOptions<IdentityOptions>().Configure(IdentityExtensions.ConfigureIdentity);
        return new(new DbContextOptionsBuilder<PostgresStarsDbContext>()
            .UseNpgsql("Host=localhost;Database=stars_design")
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .Options);
    }
}
