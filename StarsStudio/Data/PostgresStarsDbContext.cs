using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;

namespace StarsStudio.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so its migrations (Data/Migrations/Postgres) are told
/// apart from SQLite's (EF Core's "migrations with multiple providers" pattern); the app still asks for
/// <see cref="StarsDbContext"/> everywhere. Times stay UTC ticks (the base's converter) on both providers, so
/// raw SQL, ordering and range filters are the same code and no timestamptz offset rule applies.
/// </summary>
public sealed class PostgresStarsDbContext(DbContextOptions<PostgresStarsDbContext> options)
    : StarsDbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Several instances must read each other's cookies, saved bot token and service secrets, so the keys live
    /// in the shared database (on SQLite they stay in the data directory: one process).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Order search finds a code prefix as a range on the unique index; byte order keeps that range exact
        // whatever the server's default collation does with '-' and U+FFFF.
        builder.Entity<Order>().Property(o => o.Code).UseCollation("C");
    }
}
