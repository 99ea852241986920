using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Rehearsal;

/// <summary>
/// The app under test as a real operating-system process (<c>dotnet StarsStudio.dll</c>) on its own data
/// directory, so the crash drill can kill it without warning (SIGKILL: no shutdown, no finally blocks, no
/// flush) and start it again on the same data, as a crashed server or an OOM kill would.
/// Its output goes to one log file across all its lives.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly string contentRoot;
    private readonly string token;
    private readonly string apiBaseUrl;
    private readonly IReadOnlyList<string> extraArgs;
    private readonly StreamWriter log;
    private readonly Lock logGate = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly DbContextOptions<StarsDbContext> dbOptions;
    private readonly string? postgres;
    private Process? process;

    public string DataDirectory { get; }
    public string LogPath { get; }
    /// <summary>Where the current life listens (a fresh loopback port each life).</summary>
    public string Url { get; private set; } = "";
    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }
    public bool IsRunning => process is { HasExited: false };

    /// <param name="extraArgs">Appended after the drill's own arguments (they win).</param>
    /// <param name="postgres">The app's PostgreSQL database (its extraArgs select it), read from here instead of the SQLite file.</param>
    public ChildApp(string dataDirectory, string contentRoot, string token, string apiBaseUrl, string logPath, IEnumerable<string> extraArgs, string? postgres = null)
    {
        this.postgres = postgres;
        DataDirectory = dataDirectory;
        this.contentRoot = contentRoot;
        this.token = token;
        this.apiBaseUrl = apiBaseUrl;
        this.extraArgs = [.. extraArgs];
        LogPath = logPath;
        log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        // Read-only use from this process: SQLite's WAL lets a reader in another process see every commit.
        // No pooling, so this process holds no handle on the file between reads.
        dbOptions = new DbContextOptionsBuilder<StarsDbContext>()
            .UseSqlite($"Data Source={DatabasePath};Pooling=False", s => s.CommandTimeout(30))
            .AddInterceptors(new SqlitePragmas())
            .Options;
    }

    public string DatabasePath => Path.Combine(DataDirectory, "stars-studio.db");

    /// <summary>A context on the app's database file, from this process.</summary>
    public Task<StarsDbContext> DbAsync() => Task.FromResult(postgres is null
        ? new StarsDbContext(dbOptions)
        : new PostgresStarsDbContext(new DbContextOptionsBuilder<PostgresStarsDbContext>().UseNpgsql(postgres).Options));

    /// <summary>Starts a new life of the app; returns at once (see <see cref="WaitReadyAsync"/>).</summary>
    public void Start()
    {
        if (IsRunning) throw new InvalidOperationException("The app is already running.");
        Url = $"http://127.0.0.1:{RehearsalHost.FreePort()}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        string[] args =
        [
            AppDll(),
            "--applicationName=StarsStudio",
            "--contentRoot", contentRoot,
            "--urls", Url,
            $"--StarsStudio:DataDirectory={DataDirectory}",
            $"--Telegram:BotToken={token}",
            $"--Telegram:ApiBaseUrl={apiBaseUrl}",
            "--Telegram:PollTimeoutSeconds=10",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:StarsStudio=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            "--environment=Production",
            .. extraArgs,
        ];
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Starts++;
        Log($"==== life {Starts}: {DateTimeOffset.UtcNow:HH:mm:ss.fff} on {Url} ====");
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var life = Starts;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log($"[{life}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log($"[{life}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Ready = /healthz answers 200: the database is open and the bot's getMe went through (it is polling).
    /// False if the process died or the timeout passed first.
    /// </summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (!IsRunning) return false;
            if (await IsHealthyAsync(ct)) return true;
            await Task.Delay(100, ct);
        }
        return false;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await http.GetAsync(Url + "/healthz", ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { return false; }
    }

    /// <summary>SIGKILL to the whole process tree, then waits until it is gone.</summary>
    public void Kill()
    {
        if (process is null) return;
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
        process.WaitForExit(TimeSpan.FromSeconds(30));
        Log($"==== life {Starts} killed: {DateTimeOffset.UtcNow:HH:mm:ss.fff} ====");
        process.Dispose();
        process = null;
    }

    /// <summary>A normal shutdown (SIGTERM on Unix), then a kill if it takes longer than <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is null) return;
        if (!process.HasExited && !OperatingSystem.IsWindows() && Terminate(process.Id))
        {
            using var wait = new CancellationTokenSource(grace);
            try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
            if (process.HasExited) Log($"==== life {Starts} stopped (SIGTERM): {DateTimeOffset.UtcNow:HH:mm:ss.fff} ====");
        }
        if (process is { HasExited: false }) Kill();
        process?.Dispose();
        process = null;
    }

    /// <summary>The last lines of the log, for an error message.</summary>
    public string LogTail(int lines = 30)
    {
        lock (logGate) log.Flush();
        try
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return ""; }
    }

    private void Log(string line)
    {
        lock (logGate)
        {
            try { log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>The app's own dll: next to this code, in the app's bin directory or a test's.</summary>
    private static string AppDll() => typeof(StarsStudio.Hosting.StarsApp).Assembly.Location;

    /// <summary>The dotnet host that runs this process, else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    private static bool Terminate(int pid)
    {
        try { return SysKill(pid, 15) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        http.Dispose();
        lock (logGate) log.Dispose();
        // Microsoft.Data.Sqlite may still pool this process's handles on the file (the seeding host's).
        SqliteConnection.ClearAllPools();
    }
}
