using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Hosting;

namespace StarsStudio.Rehearsal;

/// <summary>
/// The whole app, in this process, on a temporary data directory and a loopback port, with its bot pointed at
/// the built-in emulator under a rehearsal token. Everything the benchmark measures goes over real HTTP.
/// </summary>
public sealed class RehearsalHost : IAsyncDisposable
{
    public WebApplication App { get; }
    public string BaseUrl { get; }
    public string DataDirectory { get; }
    /// <summary>The bot's token; with <c>practice: true</c>, the practice token the app made for itself.</summary>
    public string Token { get; private set; }
    public long BotId => long.Parse(Token.AsSpan(0, Token.IndexOf(':')));
    public PracticeControl Control => App.Services.GetRequiredService<PracticeControl>();
    /// <summary>Counts the app's SQL by kind; registered only in rehearsals, so production runs no such interceptor.</summary>
    public SqlStatementCounter Sql => App.Services.GetRequiredService<SqlStatementCounter>();

    private RehearsalHost(WebApplication app, string baseUrl, string dataDirectory, string token)
    {
        App = app; BaseUrl = baseUrl; DataDirectory = dataDirectory; Token = token;
    }

    /// <param name="token">The bot's token (default: a fresh rehearsal token).</param>
    /// <param name="extraArgs">Appended last, so they override the defaults above them (e.g. another Telegram:ApiBaseUrl).</param>
    /// <param name="practice">
    /// No token in configuration: the app runs its own practice bot (the token it makes and keeps in its database),
    /// as an install without a token does, so a token saved through Settings can take over and be cleared again.
    /// Telegram:ApiBaseUrl still points at this app's emulator, so a saved token reaches the emulator too.
    /// </param>
    public static async Task<RehearsalHost> StartAsync(RehearsalOptions options, string? dataDirectory = null, IEnumerable<string>? extraArgs = null, string? token = null,
        bool practice = false)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "stars-rehearsal", Guid.NewGuid().ToString("N"));
        if (practice && token is not null) throw new ArgumentException("A practice host makes its own token.", nameof(token));
        token ??= practice ? "" : NewToken();
        string[] args =
        [
            // Inside a test host the entry assembly is not StarsStudio: name the app so its static assets are found.
            "--applicationName=StarsStudio",
            "--urls", baseUrl,
            $"--StarsStudio:DataDirectory={dataDirectory}",
            $"--Telegram:BotToken={token}",
            $"--Telegram:ApiBaseUrl={baseUrl}/practice",
            "--Telegram:PollTimeoutSeconds=10",
            "--Practice:ControlApi=true",
            .. LimitArgs(options),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:StarsStudio=Warning",
            "--environment=Production",
            .. PostgresArgs(options, dataDirectory),
            .. extraArgs ?? [],
        ];
        var app = StarsApp.Build(args, builder => builder.Services.AddSingleton<SqlStatementCounter>());
        if (!practice) await RegisterWithOwnEmulatorAsync(app, token);
        await app.StartAsync();
        var host = new RehearsalHost(app, baseUrl, dataDirectory, token);
        await host.WaitForBotAsync(practice);
        return host;
    }

    /// <summary>
    /// The emulator answers only tokens registered with it (BotFather's part), and this app's bot runs on a configured
    /// token, not the practice token the app registers itself. Register it before the host starts, so the bot loop's
    /// first getMe is not a 401 and a retry. (When the bot talks to another process's emulator, as the crash drill's
    /// seeder does, that emulator's owner registers the token there; registering it here too is harmless.)
    /// </summary>
    private static async Task RegisterWithOwnEmulatorAsync(WebApplication app, string token)
    {
        // The emulator's tables are made by a hosted service that has not run yet; migrating twice is harmless.
        await ActivatorUtilities.CreateInstance<PracticeDatabaseInitializer>(app.Services).StartAsync(CancellationToken.None);
        await app.Services.GetRequiredService<PracticeControl>().EnsureBotAsync(token);
    }

    /// <summary>With --postgres: the app's database is the data directory's own on that server (a restart on the same data finds it).</summary>
    internal static string[] PostgresArgs(RehearsalOptions options, string dataDirectory) =>
        PostgresDatabase(options, dataDirectory) is { } connectionString ? PostgresArgs(connectionString) : [];

    internal static string[] PostgresArgs(string connectionString) => ["--Database:Provider=Postgres", $"--ConnectionStrings:StarsStudio={connectionString}"];

    /// <summary>The connection string of the data directory's database on the --postgres server; null without one.</summary>
    internal static string? PostgresDatabase(RehearsalOptions options, string dataDirectory)
    {
        if (options.PostgresServer is not { } server) return null;
        var name = "stars_rehearsal_" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..16].ToLowerInvariant();
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>A token the emulator accepts and no real bot has: "7…:rehearsal_…".</summary>
    public static string NewToken() =>
        $"7{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999)}:rehearsal_{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}";

    /// <summary>Telegram's limits in the emulator, and the bot's own outbound budget to match (also for the crash drill's child app).</summary>
    public static string[] LimitArgs(RehearsalOptions options) =>
    [
        $"--Practice:RateLimits:Enabled={options.Limits}",
        // Without Telegram's limits the bot needs no budget of its own either.
        $"--Telegram:Outbound:MessagesPerSecond={(options.Limits ? 29 : 0)}",
        $"--Telegram:Outbound:PerChatIntervalMilliseconds={(options.Limits ? 1000 : 0)}",
    ];

    /// <summary>The bot is polling once the emulator has seen its token (its first getMe).</summary>
    private async Task WaitForBotAsync(bool practice)
    {
        var status = App.Services.GetRequiredService<StarsStudio.Bot.BotStatus>();
        var running = practice ? StarsStudio.Bot.BotState.Practice : StarsStudio.Bot.BotState.Live;
        for (var i = 0; i < 600 && status.State != running; i++) await Task.Delay(50);
        if (status.State != running) throw new InvalidOperationException($"The bot did not start: {status.Problem}");
        if (practice) Token = Service<StarsStudio.Bot.BotClientAccessor>().Current?.Connection.Token ?? throw new InvalidOperationException("The practice bot is not running.");
        await Control.EnsureBotAsync(Token);
    }

    public async Task<StarsDbContext> DbAsync() =>
        await App.Services.GetRequiredService<IDbContextFactory<StarsDbContext>>().CreateDbContextAsync();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public void DeleteData()
    {
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
