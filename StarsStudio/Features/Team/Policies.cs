namespace StarsStudio.Features.Team;

/// <summary>Authorization policies; pages and endpoints name these, never roles directly.</summary>
public static class Policies
{
    /// <summary>Catalog, copy, reminders, practice.</summary>
    public const string Creators = "Creators";
    /// <summary>Orders, refunds, support inbox.</summary>
    public const string Support = "Support";
    /// <summary>Settings, team, audit log.</summary>
    public const string Owner = "Owner";
}
