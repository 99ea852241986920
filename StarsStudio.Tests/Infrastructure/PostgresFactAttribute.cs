namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server (<see cref="TestDatabase.ServerVariable"/>). ./test.sh always starts one
/// and sets it, so there these tests always run; only a bare <c>dotnet test</c> without a server skips them.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.Server is null) Skip = $"Needs a PostgreSQL server: set {TestDatabase.ServerVariable} (./test.sh does).";
    }
}
