using Microsoft.AspNetCore.Identity;

namespace StarsStudio.Data;

/// <summary>A dashboard user: owner, creator or support staff. Buyers are Telegram users, not accounts.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>Name shown in the app bar and the audit log.</summary>
    [PersonalData]
    public string? DisplayName { get; set; }
}
