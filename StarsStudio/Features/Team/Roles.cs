namespace StarsStudio.Features.Team;

/// <summary>The three dashboard roles. A user has exactly one.</summary>
public static class Roles
{
    public const string Owner = "Owner";
    public const string Creator = "Creator";
    public const string Support = "Support";

    public static readonly string[] All = [Owner, Creator, Support];

    public static string Describe(string role) => role switch
    {
        Owner => "Everything, including settings and the team",
        Creator => "Paid actions, copy, reminders and practice",
        Support => "Orders, refunds and the support inbox",
        _ => role,
    };
}
