using Npgsql;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>
/// The PostgreSQL server copy-data's tests copy into: <c>STARS_TEST_POSTGRES</c>, the server connection string
/// ./test.sh exports after starting a throwaway server. Each test gets its own <c>stars_copy_&lt;guid&gt;</c> database.
/// Without the variable these tests fail and say how to give them a server: a skipped test would hide that
/// copy-data went untested.
/// </summary>
internal static class CopyTargetServer
{
    public const string Variable = "STARS_TEST_POSTGRES";

    public static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s
        ? s
        : throw new InvalidOperationException(
            $"{Variable} is not set: the copy-data tests need a PostgreSQL server. ./test.sh starts one; by hand, start one and set {Variable}=\"Host=127.0.0.1;Port=<port>;Username=postgres\".");

    /// <summary>Creates an empty database, as an operator's createdb would, and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "stars_copy_" + Guid.NewGuid().ToString("N");
        await using (var connection = await OpenServerAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ConnectionString;
    }

    /// <summary>FORCE: a finished app's pooled connections may still be open.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenServerAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
