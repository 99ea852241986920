using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Data;

/// <summary>
/// A compiled query, compiled once per EF model. EF refuses to run a compiled query against a model other than the
/// one it was compiled for, and one process can hold two: the SQLite and the PostgreSQL model (the tests run apps
/// on both providers side by side; <c>copy-data</c> opens both). A static compiled query would serve whichever came
/// first and throw for the other.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetOrAdd(db.Model, _ => compile());
}
