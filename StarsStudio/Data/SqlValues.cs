namespace StarsStudio.Data;

/// <summary>
/// The parameters of one raw statement for <c>ExecuteSqlRawAsync</c>: each value becomes a <c>{n}</c> placeholder
/// (EF Core turns it into a typed parameter), and a null the literal NULL, so no parameter needs its type guessed
/// (PostgreSQL refuses a typeless null where it cannot infer one).
/// </summary>
public sealed class SqlValues
{
    private readonly List<object> args = new(12);

    public IEnumerable<object> Args => args;

    public string Of(object? value)
    {
        if (value is null) return "NULL";
        args.Add(value);
        return "{" + (args.Count - 1) + "}";
    }
}
