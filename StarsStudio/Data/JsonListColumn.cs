using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Reports;

namespace StarsStudio.Data;

/// <summary>
/// A small list of records stored as one JSON text column (translations): read whole with its row, never queried
/// by item, compared by value so an unchanged list is not written again.
/// </summary>
internal static class JsonListColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<ValueList<T>> AsJsonList<T>(this PropertyBuilder<ValueList<T>> property) =>
        property.HasConversion(
            list => JsonSerializer.Serialize(list, Json),
            text => string.IsNullOrEmpty(text) ? new ValueList<T>() : JsonSerializer.Deserialize<ValueList<T>>(text, Json) ?? new ValueList<T>(),
            new ValueComparer<ValueList<T>>((a, b) => a != null && b != null && a.Equals(b), l => l.GetHashCode(), l => new ValueList<T>(l)));
}
