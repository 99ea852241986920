using System.Diagnostics;

namespace StarsStudio.Rehearsal;

/// <summary>
/// A PostgreSQL server of the rehearsal's own, as ./test.sh makes one: Debian's postgresql package (its
/// <c>initdb</c> and <c>pg_ctl</c>), a temporary data directory, a free loopback port, trust authentication
/// (nothing but this machine can reach it) and no fsync (nothing in it outlives the run). Stopped and deleted on
/// dispose. As root, initdb refuses to run, so the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string binDirectory;
    private readonly string directory;

    /// <summary>An Npgsql connection string without a database: the rehearsal makes its own there.</summary>
    public string ConnectionString { get; }

    private ThrowawayPostgres(string binDirectory, string directory, int port)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres";
    }

    public static async Task<ThrowawayPostgres> StartAsync(TextWriter output)
    {
        var bin = FindBinDirectory()
                  ?? throw new RehearsalUsageException("--database postgres needs PostgreSQL's server programs (Debian: apt-get install postgresql), or pass --postgres \"Host=…;Username=…\" for a server you run.");
        var directory = Path.Combine(Path.GetTempPath(), "stars-rehearsal", "pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (IsRoot) await RunAsync("chown", ["postgres", directory]);
        await output.WriteLineAsync("Starting a throwaway PostgreSQL …");
        var data = Path.Combine(directory, "data");
        var (initOk, initLog) = await RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8"]);
        if (!initOk) throw new InvalidOperationException($"initdb failed: {Tail(initLog)}");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var port = RehearsalHost.FreePort();
            var (ok, log) = await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                 "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start"]);
            if (ok) return new ThrowawayPostgres(bin, directory, port);
            if (!log.Contains("already in use", StringComparison.OrdinalIgnoreCase) && attempt > 2)
                throw new InvalidOperationException($"pg_ctl start failed: {Tail(log)}");
        }
        throw new InvalidOperationException("Could not start a throwaway PostgreSQL on a free port.");
    }

    /// <summary>The newest /usr/lib/postgresql/*/bin with an initdb, else null.</summary>
    private static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task<(bool Ok, string Output)> RunAsPostgresAsync(string program, string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task<(bool Ok, string Output)> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await stdout + await stderr);
    }

    private static string Tail(string log) => string.Join(' ', log.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));

    public async ValueTask DisposeAsync()
    {
        // Immediate: nothing in it needs a clean shutdown, and a checkpoint would only cost time.
        await RunAsPostgresAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "stop"]);
        try { Directory.Delete(directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
