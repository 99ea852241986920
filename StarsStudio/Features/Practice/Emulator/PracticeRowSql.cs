using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// One practice.db table's statements for the group commit's writer: an upsert and a delete by key, with each
/// column's value read from a row and converted the way EF Core maps it. Built from the EF model, so columns and
/// conversions follow the migrations; EF's change tracker itself cost the writer several times what SQLite did.
/// </summary>
internal sealed class PracticeRowSql
{
    private readonly Func<object, object?>[] columns;
    private readonly Func<object, object?>[] key;
    private readonly string upsert;
    private readonly string delete;

    public PracticeRowSql(IEntityType entity)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var keys = entity.FindPrimaryKey()!.Properties;
        columns = [.. properties.Select(Reader)];
        key = [.. keys.Select(Reader)];
        upsert = $"INSERT OR REPLACE INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))}) " +
                 $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$c{i}"))})";
        delete = $"DELETE FROM \"{table}\" WHERE {string.Join(" AND ", keys.Select((p, i) => $"\"{p.GetColumnName(store)}\" = $k{i}"))}";
    }

    private static Func<object, object?> Reader(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} has no CLR property.");
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        return row => info.GetValue(row) switch
        {
            null => null,
            var value when converter is not null => converter.ConvertToProvider(value),
            Enum value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            var value => value,
        };
    }

    /// <summary>A prepared command for this table: an upsert (insert, or write every column of an existing row) or a delete.</summary>
    public SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, bool upserting)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = upserting ? upsert : delete;
        var count = upserting ? columns.Length : key.Length;
        for (var i = 0; i < count; i++) command.Parameters.Add(new SqliteParameter(upserting ? $"$c{i}" : $"$k{i}", null));
        command.Prepare();
        return command;
    }

    public void Execute(SqliteCommand command, object row, bool upserting)
    {
        var readers = upserting ? columns : key;
        for (var i = 0; i < readers.Length; i++) command.Parameters[i].Value = readers[i](row) ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
