using Npgsql;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>
/// The PostgreSQL server copy-data's tests copy into: the test server of <see cref="TestDatabase"/>
/// (<c>STARS_TEST_POSTGRES</c>, which ./test.sh exports after starting a throwaway server). Each test gets its own
/// <c>stars_copy_&lt;guid&gt;</c> database. Without the variable these tests fail and say how to give them a
/// server: a skipped test would hide that copy-data went untested.
/// </summary>
internal static class CopyTargetServer
{
    public static string Server => TestDatabase.Server ?? throw new InvalidOperationException(
        $"{TestDatabase.ServerVariable} is not set: the copy-data tests need a PostgreSQL server. ./test.sh starts one; by hand, start one and set {TestDatabase.ServerVariable}=\"Host=127.0.0.1;Port=<port>;Username=postgres\".");

    /// <summary>Creates an empty database, as an operator's createdb would, and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        _ = Server;
        var name = "stars_copy_" + Guid.NewGuid().ToString("N");
        await using (var connection = await TestDatabase.OpenServerAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }
        return TestDatabase.ConnectionStringForDatabase(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }
}
