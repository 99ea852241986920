namespace StarsStudio.Hosting.Moving;

/// <summary>
/// <c>copy-data --to-postgres "&lt;connection string&gt;" [configuration…]</c>. Everything after the target is the
/// app's own configuration (<c>--StarsStudio:DataDirectory=…</c>, …), so the source is found exactly as the app finds it.
/// </summary>
public sealed record CopyDataArguments(string TargetConnectionString, string[] ConfigurationArgs)
{
    public const string Usage =
        "Usage: dotnet run --project StarsStudio -- copy-data --to-postgres \"Host=…;Database=…;Username=…;Password=…\" [--StarsStudio:DataDirectory=<dir>]";

    /// <summary>Null when the operator asked for help.</summary>
    public static CopyDataArguments? Parse(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help")) return null;
        string? target = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--to-postgres")
            {
                if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
                    throw new CopyDataProblemException("--to-postgres needs the target's connection string. " + Usage);
                target = args[++i];
            }
            else if (args[i].StartsWith("--to-postgres=", StringComparison.Ordinal))
                target = args[i]["--to-postgres=".Length..];
            else
                rest.Add(args[i]);
        }
        if (string.IsNullOrWhiteSpace(target))
            throw new CopyDataProblemException("copy-data needs a target: --to-postgres \"<connection string>\". " + Usage);
        return new(target, [.. rest]);
    }
}
