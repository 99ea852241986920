using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Tests.Data;

/// <summary>
/// Each provider has its own migrations. A model change that got a SQLite migration but no PostgreSQL one would
/// only show on a PostgreSQL install's start: caught here, without a server.
/// </summary>
public sealed class PostgresMigrationsTests
{
    [Fact]
    public void PostgresModel_MatchesItsMigrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --context PostgresStarsDbContext --output-dir Data/Migrations/Postgres");
    }
}
