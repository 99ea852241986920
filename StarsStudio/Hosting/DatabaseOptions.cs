using StarsStudio.Data;

namespace StarsStudio.Hosting;

/// <summary>The <c>Database</c> configuration section: which provider, and (from <c>ConnectionStrings:StarsStudio</c>) where.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Read while the app is being composed (the provider decides which services exist), so a bad value must
    /// become one sentence here rather than a binder stack trace later.
    /// </summary>
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var raw = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(raw)) return new();
        if (Enum.TryParse<DatabaseProvider>(raw.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider))
            return new() { Provider = provider };
        throw new StartupProblemException(
            $"Database:Provider is '{raw}'; set it to Sqlite (the default, one process) or Postgres (with ConnectionStrings:StarsStudio).");
    }
}
