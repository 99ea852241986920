using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Hosting;

/// <summary>Unattended installs create the Owner from configuration instead of the setup page.</summary>
public sealed class OwnerSeedOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
