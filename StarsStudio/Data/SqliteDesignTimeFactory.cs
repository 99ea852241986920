using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using StarsStudio.Hosting;

namespace StarsStudio.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context StarsDbContext</c> build the SQLite model. Without a factory of its
/// own EF picked <see cref="PostgresDesignTimeFactory"/> for the base type too (its context is a StarsDbContext) and
/// wrote a PostgreSQL migration into the SQLite folder. Identity's schema version comes from the app's options, as there.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<StarsDbContext>
{
    public StarsDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection();
        services.AddOptions<IdentityOptions>().Configure(IdentityExtensions.ConfigureIdentity);
        return new(new DbContextOptionsBuilder<StarsDbContext>()
            .UseSqlite("Data Source=design.db")
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .Options);
    }
}
