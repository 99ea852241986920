using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// Every entity set of a model that has a table of its own, principals before the sets whose foreign keys point at
/// them, so rows can be inserted as they are read. Read from the model, so a feature's new table is copied without
/// anyone touching copy-data. Owned types travel with their owner; derived types with their base.
/// </summary>
internal static class TableOrder
{
    public static IReadOnlyList<IEntityType> Of(IModel model)
    {
        var sets = model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.BaseType is null && t.GetTableName() is not null)
            .ToList();
        var principals = sets.ToDictionary(t => t, t => PrincipalsOf(t).Where(p => p != t).ToHashSet());

        var ordered = new List<IEntityType>(sets.Count);
        var remaining = sets.OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(t => principals[t].All(ordered.Contains))
                ?? throw new InvalidOperationException(
                    $"copy-data cannot order {string.Join(", ", remaining.Select(t => t.GetTableName()))}: their foreign keys form a cycle.");
            ordered.Add(ready);
            remaining.Remove(ready);
        }
        return ordered;
    }

    /// <summary>The sets this one's rows (and its owned and derived types' rows) refer to.</summary>
    private static IEnumerable<IEntityType> PrincipalsOf(IEntityType set) =>
        Members(set)
            .SelectMany(t => t.GetForeignKeys())
            .Where(fk => !fk.IsOwnership)
            .Select(fk => SetOf(fk.PrincipalEntityType));

    private static IEnumerable<IEntityType> Members(IEntityType set) =>
        set.GetDerivedTypesInclusive()
            .SelectMany(t => new[] { t }.Concat(t.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.ForeignKey.PrincipalEntityType == t)
                .SelectMany(n => Members(n.TargetEntityType))));

    private static IEntityType SetOf(IEntityType type)
    {
        while (type.FindOwnership() is { } ownership) type = ownership.PrincipalEntityType;
        return type.GetRootType();
    }
}
