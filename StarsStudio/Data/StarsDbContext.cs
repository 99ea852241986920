using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// Identity plus every feature's tables. Each feature adds its DbSets and configuration in a partial file
/// beside its entities (Features/&lt;Feature&gt;/*Data.cs), so this file stays the same as features grow.
/// </summary>
public partial class StarsDbContext : IdentityDbContext<ApplicationUser>
{
    public StarsDbContext(DbContextOptions<StarsDbContext> options) : base(options) { }

    /// <summary>For a provider's own context type (<see cref="PostgresStarsDbContext"/>), which carries its own migrations.</summary>
    protected StarsDbContext(DbContextOptions options) : base(options) { }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Every feature keeps its IEntityTypeConfiguration classes beside its entities.
        builder.ApplyConfigurationsFromAssembly(typeof(StarsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot ORDER BY or compare DateTimeOffset; store UTC ticks so range filters run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

/// <summary>Stores a moment as UTC ticks (a sortable integer) and reads it back as UTC.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
