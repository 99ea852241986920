using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StarsStudio.Data;
using StarsStudio.Features.Team;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port with a temporary data directory (SQLite file, keys, uploads).
/// Settings are passed as configuration, exactly as an operator would.
/// </summary>
public class StarsAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new()
    {
        ["Telegram:PollTimeoutSeconds"] = "1",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private static readonly Lock BootLogGate = new();

    public StarsAppFactory()
    {
        settings["StarsStudio:DataDirectory"] = DataDirectory;
        UseKestrel(0);
    }

    /// <summary>Adds or overrides a configuration key before the app starts.</summary>
    public StarsAppFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // STARS_TESTS_BOOT_LOG=<file>: one line per app booted, naming the test class (or fixture) that booted it,
        // to count what fixtures save.
        if (Environment.GetEnvironmentVariable("STARS_TESTS_BOOT_LOG") is { Length: > 0 } bootLog)
            lock (BootLogGate) File.AppendAllText(bootLog, BootedBy() + Environment.NewLine);
        builder.UseEnvironment("Testing");
        // The Postgres run of ./test.sh: the app's database is the data directory's own database on that server,
        // unless the test chose a provider itself.
        if (TestDatabase.AppsOnPostgres && !settings.ContainsKey("Database:Provider"))
            foreach (var (key, value) in TestDatabase.PostgresSettings(settings["StarsStudio:DataDirectory"]!)) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    private static string BootedBy()
    {
        var types = new System.Diagnostics.StackTrace().GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType)
            .Select(t => { while (t?.DeclaringType is not null) t = t.DeclaringType; return t; })
            .Where(t => t?.Namespace?.StartsWith("StarsStudio.Tests", StringComparison.Ordinal) == true && t != typeof(StarsAppFactory) && t != typeof(PracticeAppFactory))
            .ToList();
        var type = types.FirstOrDefault(t => t!.Namespace != typeof(StarsAppFactory).Namespace) ?? types.FirstOrDefault();
        return type?.FullName ?? "unknown";
    }

    /// <summary>Starts Kestrel and returns the base address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }

    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<StarsDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<StarsDbContext>>().CreateDbContextAsync();

    /// <summary>Creates a team member with a password directly (tests that are not about invites).</summary>
    public async Task CreateUserAsync(string email, string password, string role)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        Services.GetRequiredService<SetupState>().MarkHasUsers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (TestDatabase.AppsOnPostgres) await TestDatabase.DropAsync(DataDirectory);
    }
}

/// <summary>Well-known accounts the role tests sign in with.</summary>
public static class TestUsers
{
    public const string Password = "correct-horse-42";
    public const string Owner = "owner@test.local";
    public const string Creator = "creator@test.local";
    public const string Support = "support@test.local";

    public static async Task SeedAllRolesAsync(StarsAppFactory app)
    {
        await app.CreateUserAsync(Owner, Password, Roles.Owner);
        await app.CreateUserAsync(Creator, Password, Roles.Creator);
        await app.CreateUserAsync(Support, Password, Roles.Support);
    }
}
