using System.Diagnostics;
using Microsoft.Data.Sqlite;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting;

/// <summary>
/// Problems an operator can fix stop start-up with one sentence and no stack trace. These start the real
/// app process, because that is what an operator sees.
/// </summary>
public sealed class StartupProblemTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAppAsync(params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StarsStudio.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard, not a timing check: generous, since a starved box can take most of a minute to start .NET.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(true); throw new Xunit.Sdk.XunitException("The app kept running instead of stopping."); }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string AssertOneSentence((int ExitCode, string StdOut, string StdErr) run)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("StarsStudio could not start: ", line);
        Assert.DoesNotContain("   at ", run.StdOut + run.StdErr);
        return line;
    }

    [Fact]
    public async Task Start_DataDirectoryIsAFile_SaysSoInOneSentence()
    {
        var file = Path.GetTempFileName();
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", Path.Combine(file, "data"))));
        Assert.Contains("cannot write to its data directory", line);
        File.Delete(file);
    }

    [Fact]
    public async Task Start_ForeignSqliteDatabase_IsRefused()
    {
        Directory.CreateDirectory(dataDirectory);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "stars-studio.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');";
            await command.ExecuteNonQueryAsync();
        }
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory)));
        Assert.Contains("is not a StarsStudio database", line);
        // Nothing was changed in the foreign file.
        await using var check = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "stars-studio.db")};Pooling=false");
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type='table'";
        Assert.Equal(1L, (long)(await tables.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Start_FileThatIsNotSqlite_IsRefused()
    {
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "stars-studio.db"), "this is a text file, not a database at all, really not");
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory)));
        Assert.Contains("is not a SQLite database", line);
    }

    [Fact]
    public async Task Start_MalformedTokenInConfiguration_ExplainsWithoutEchoingIt()
    {
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory), ("Telegram__BotToken", "oops-not-a-token")));
        Assert.Contains("Telegram:BotToken", line);
        Assert.DoesNotContain("oops-not-a-token", line);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_SaysSo()
    {
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory), ("Database__Provider", "Postgres")));
        Assert.Contains("ConnectionStrings:StarsStudio is empty", line);
    }

    [Fact]
    public async Task Start_PostgresUnreachable_NamesTheServerNotThePassword()
    {
        // Port 1 on loopback: nothing listens there.
        var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory), ("Database__Provider", "Postgres"),
            ("ConnectionStrings__StarsStudio", "Host=127.0.0.1;Port=1;Database=stars;Username=stars;Password=hunter2-secret;Timeout=5")));
        Assert.Contains("cannot reach PostgreSQL", line);
        Assert.Contains("127.0.0.1:1", line);
        Assert.DoesNotContain("hunter2-secret", line);
    }

    [PostgresFact]
    public async Task Start_ForeignPostgresDatabase_IsRefused()
    {
        var connectionString = TestDatabase.ConnectionStringFor(dataDirectory);
        await using (var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.Server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{TestDatabase.NameFor(dataDirectory)}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            await using (var foreign = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
            {
                await foreign.OpenAsync();
                await using var table = new Npgsql.NpgsqlCommand("CREATE TABLE customers (id int PRIMARY KEY, name text)", foreign);
                await table.ExecuteNonQueryAsync();
            }
            var line = AssertOneSentence(await RunAppAsync(("StarsStudio__DataDirectory", dataDirectory), ("Database__Provider", "Postgres"),
                ("ConnectionStrings__StarsStudio", connectionString)));
            Assert.Contains("is not a StarsStudio database", line);
        }
        finally { await TestDatabase.DropAsync(dataDirectory); }
    }

    public void Dispose()
    {
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
