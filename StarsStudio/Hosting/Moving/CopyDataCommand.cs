using Npgsql;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// <c>copy-data --to-postgres "&lt;connection string&gt;"</c>: moves a SQLite install into an empty PostgreSQL database
/// and checks every table's count. Exit code 0 when the counts match, 1 with one sentence otherwise, in which case
/// the target is as empty as before.
/// </summary>
public static class CopyDataCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        string? target = null;
        try
        {
            if (CopyDataArguments.Parse(args) is not { } arguments)
            {
                await output.WriteLineAsync(CopyDataArguments.Usage);
                return 0;
            }
            target = arguments.TargetConnectionString;
            await using var source = await SqliteInstall.OpenAsync(ConfigurationOf(arguments), ct);
            await using var postgres = await PostgresTarget.PrepareAsync(target, ct);
            await output.WriteLineAsync($"Copying {source.DatabasePath} into PostgreSQL {postgres.Where} …");
            var report = await SqliteToPostgresCopy.RunAsync(source, postgres, ct);
            await output.WriteLineAsync();
            await output.WriteAsync(report.ToText());
            return 0;
        }
        catch (Exception e) when (Explain(e, target) is { } sentence)
        {
            await error.WriteLineAsync($"copy-data stopped: {sentence}");
            return 1;
        }
        catch (Exception e)
        {
            // Not one the operator can fix; still one line and exit code 1. Neither Npgsql's nor EF Core's messages
            // carry the password. The target's transaction was rolled back with it.
            await error.WriteLineAsync($"copy-data failed ({e.GetType().Name}: {e.Message.TrimEnd('.')}); nothing was kept in the target.");
            return 1;
        }
    }

    /// <summary>The app's own configuration sources (appsettings, environment, arguments), so the source is the app's install.</summary>
    private static IConfiguration ConfigurationOf(CopyDataArguments arguments) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments.ConfigurationArgs }).Configuration;

    private static string? Explain(Exception e, string? target) => e switch
    {
        CopyDataProblemException p => p.Message,
        // The server went away mid-copy: the transaction died with the connection, the target stays empty.
        NpgsqlException or TimeoutException when target is not null =>
            PostgresProblems.Explain(e, target).Message.Replace("ConnectionStrings:StarsStudio", "--to-postgres", StringComparison.Ordinal)
            + " Nothing was kept in the target.",
        _ when StartupProblems.Explain(e) is { } sentence => sentence,
        _ => null,
    };
}
