namespace StarsStudio.Features.Reports;

/// <summary>
/// A list that compares by its items, so records holding it (ActionTerms, ReportQuestion) keep value equality:
/// saving unchanged terms must not make a new version.
/// </summary>
public sealed class ValueList<T> : List<T>, IEquatable<ValueList<T>>
{
    public ValueList() { }
    public ValueList(IEnumerable<T> items) : base(items) { }

    public bool Equals(ValueList<T>? other) => other is not null && this.SequenceEqual(other);
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in this) hash.Add(item);
        return hash.ToHashCode();
    }
}
