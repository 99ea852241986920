using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using StarsStudio.Components.Account;
using StarsStudio.Data;
using StarsStudio.Features.Team;

namespace StarsStudio.Hosting;

public static class IdentityExtensions
{
    public static WebApplicationBuilder AddStarsIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StarsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Owner, p => p.RequireRole(Roles.Owner))
            .AddPolicy(Policies.Creators, p => p.RequireRole(Roles.Owner, Roles.Creator))
            .AddPolicy(Policies.Support, p => p.RequireRole(Roles.Owner, Roles.Support))
            // Every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Keys live in the data directory so cookies and the stored bot token survive restarts; on PostgreSQL in
        // the database, so every instance reads the others' cookies, saved token and service secrets.
        var dataDirectory = StarsStudioOptions.From(builder.Configuration).FullDataDirectory;
        var protection = services.AddDataProtection().SetApplicationName("StarsStudio");
        if (DatabaseOptions.From(builder.Configuration).Provider == DatabaseProvider.Postgres)
            protection.PersistKeysToDbContext<PostgresStarsDbContext>();
        else
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        services.AddSingleton<SetupState>();
        services.AddScoped<TeamService>();
        services.AddSingleton<IStartupSeeder, RoleAndOwnerSeeder>();
        return builder;
    }

    /// <summary>Shared with tests so the Identity model (schema version 3) matches the migrations.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.SignIn.RequireConfirmedAccount = false;
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        // Length over composition rules (NIST 800-63B): a long passphrase beats "Passw0rd!".
        options.Password.RequireDigit = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }

    /// <summary>While nobody has an account, every page leads to /setup.</summary>
    public static WebApplication UseStarsSetupGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var setup = context.RequestServices.GetRequiredService<SetupState>();
            if (!path.StartsWithSegments("/setup") && !IsMachineOrAsset(path)
                && !await setup.HasUsersAsync(context.RequestAborted))
            {
                context.Response.Redirect("/setup");
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>Endpoints called by machines (health checks, Telegram, the emulator's Bot API) and static files.</summary>
    private static bool IsMachineOrAsset(PathString path)
    {
        var value = path.Value ?? "";
        return path.StartsWithSegments("/healthz") || path.StartsWithSegments("/telegram")
            || value.StartsWith("/practice/bot", StringComparison.Ordinal) || value.StartsWith("/practice/file/", StringComparison.Ordinal)
            || path.StartsWithSegments("/practice/control")
            || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_blazor")
            || path.StartsWithSegments("/assets") || Path.HasExtension(value);
    }
}
