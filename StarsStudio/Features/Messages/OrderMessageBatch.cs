using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StarsStudio.Data;

namespace StarsStudio.Features.Messages;

/// <summary>
/// Writes a batch of log entries as one multi-row INSERT. EF Core's SaveChanges sends one INSERT … RETURNING per
/// row (two a purchase, tracked and read back for ids nobody needs). Column names and value conversions come from
/// the model, so the one statement is right on SQLite (ticks) and PostgreSQL (timestamptz) alike.
/// </summary>
internal static class OrderMessageBatch
{
    private static readonly string[] Columns =
        [nameof(OrderMessage.OrderId), nameof(OrderMessage.At), nameof(OrderMessage.Kind), nameof(OrderMessage.ChatId),
         nameof(OrderMessage.Excerpt), nameof(OrderMessage.TelegramMessageId), nameof(OrderMessage.Error)];

    public static async Task InsertAsync(StarsDbContext db, IReadOnlyList<OrderMessage> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(OrderMessage))!;
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = new System.Text.StringBuilder($"INSERT INTO \"{table.Name}\" (")
            .AppendJoin(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\"")).Append(") VALUES ");
        var values = new List<object>(batch.Count * properties.Length);
        for (var row = 0; row < batch.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Length; column++)
            {
                var property = properties[column];
                var value = property.PropertyInfo!.GetValue(batch[row]);
                if (value is not null && property.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
                sql.Append(column == 0 ? "" : ", ");
                // A null is written as NULL: a raw-SQL parameter needs a CLR type to map, and a null has none.
                if (value is null) { sql.Append("NULL"); continue; }
                sql.Append('{').Append(values.Count).Append('}');
                values.Add(value);
            }
            sql.Append(')');
        }
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
    }
}
