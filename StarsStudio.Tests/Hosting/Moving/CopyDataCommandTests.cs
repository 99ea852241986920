using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Hosting.Moving;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>What copy-data refuses before it copies anything: each is one sentence and exit code 1 (no server needed).</summary>
public sealed class CopyDataCommandTests : IDisposable
{
    private const string Password = "hunter2-never-printed";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CopyDataCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string AssertOneSentence((int Exit, string Output, string Error) run)
    {
        Assert.Equal(1, run.Exit);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("copy-data stopped: ", line);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.DoesNotContain(Password, run.Output + run.Error);
        return line;
    }

    private Task MakeInstallAsync(string? migration = null) => SqliteInstallFiles.MigrateAsync(dataDirectory, migration);

    private static string UnreachableServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Database=stars;Username=stars;Password={Password};Timeout=5";
    }

    [Fact]
    public async Task CopyData_Help_PrintsTheCommand()
    {
        var (exit, output, _) = await RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("copy-data --to-postgres", output);
    }

    [Fact]
    public async Task CopyData_NoTarget_SaysHowToNameOne()
    {
        var line = AssertOneSentence(await RunAsync());
        Assert.Contains("--to-postgres \"<connection string>\"", line);
    }

    [Fact]
    public async Task CopyData_NoInstallInTheDataDirectory_SaysWhereItLooked()
    {
        var line = AssertOneSentence(await RunAsync("--to-postgres", UnreachableServer(), $"--StarsStudio:DataDirectory={dataDirectory}"));
        Assert.Contains($"There is no StarsStudio database at '{Path.Combine(dataDirectory, "stars-studio.db")}'", line);
    }

    [Fact]
    public async Task CopyData_InstallBehindOnMigrations_AsksToStartTheAppOnceFirst()
    {
        string first;
        await using (var db = SqliteInstallFiles.Open(dataDirectory))
            first = db.Database.GetMigrations().First();
        await MakeInstallAsync(first);

        var line = AssertOneSentence(await RunAsync("--to-postgres", UnreachableServer(), $"--StarsStudio:DataDirectory={dataDirectory}"));
        Assert.Contains("start the app once on it", line);
    }

    [Fact]
    public async Task CopyData_ConfigurationSaysPostgres_RefusesToGuessTheSqliteInstall()
    {
        await MakeInstallAsync();
        var line = AssertOneSentence(await RunAsync("--to-postgres", UnreachableServer(), $"--StarsStudio:DataDirectory={dataDirectory}", "--Database:Provider=Postgres"));
        Assert.Contains("names no SQLite install", line);
    }

    [Fact]
    public async Task CopyData_ServerUnreachable_OneSentenceNamingItWithoutThePassword()
    {
        await MakeInstallAsync();
        var line = AssertOneSentence(await RunAsync("--to-postgres", UnreachableServer(), $"--StarsStudio:DataDirectory={dataDirectory}"));
        Assert.Contains("cannot reach PostgreSQL for database 'stars' on 127.0.0.1:", line);
        Assert.Contains("--to-postgres", line);
    }

    [Fact]
    public async Task CopyData_TargetNotAConnectionString_SaysSoWithoutQuotingIt()
    {
        await MakeInstallAsync();
        var line = AssertOneSentence(await RunAsync("--to-postgres", $"Hots=db;Password={Password}", $"--StarsStudio:DataDirectory={dataDirectory}"));
        Assert.Contains("--to-postgres is not an Npgsql connection string", line);
    }

    public void Dispose()
    {
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
