using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>
/// Hands out a provider's own context type (e.g. <see cref="PostgresStarsDbContext"/>) to code that asks for
/// <c>IDbContextFactory&lt;StarsDbContext&gt;</c>, so features never know which provider runs.
/// </summary>
public sealed class DerivedDbContextFactory<TBase, TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<TBase>
    where TBase : DbContext
    where TDerived : TBase
{
    public TBase CreateDbContext() => inner.CreateDbContext();

    public async Task<TBase> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
