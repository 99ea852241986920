namespace StarsStudio.Hosting.Moving;

/// <summary>One line of the verification: rows in the source and in the target after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}
