using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Hosting;

/// <summary>The <c>StarsStudio</c> configuration section (see the README's configuration table).</summary>
public sealed class StarsStudioOptions
{
    public const string Section = "StarsStudio";

    /// <summary>Database, uploaded deliverables and Data Protection keys live here.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "StarsStudio:DataDirectory must name a folder.")]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// The section as configured, for the few start-up decisions made before the container exists (where the
    /// database, practice.db and the keys go). Everything else injects <c>IOptions&lt;StarsStudioOptions&gt;</c>.
    /// </summary>
    public static StarsStudioOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StarsStudioOptions>() ?? new();

    public OwnerSeedOptions Owner { get; set; } = new();

    /// <summary>The data directory as an absolute path (relative paths resolve against the working directory).</summary>
    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
