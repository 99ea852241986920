using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// Rows copied with their ids leave each identity column's sequence at 1; moved past the largest copied id, the
/// next order, event or claim PostgreSQL numbers does not collide with a copied one.
/// </summary>
internal static class IdentitySequences
{
    public static async Task ResetAsync(DbContext db, IEnumerable<IEntityType> sets, CancellationToken ct)
    {
        foreach (var set in sets)
        {
            var table = StoreObjectIdentifier.Table(set.GetTableName()!, set.GetSchema());
            foreach (var property in set.GetProperties().Where(IsNumberedByPostgres))
            {
                var column = property.GetColumnName(table)!;
                var quotedColumn = "\"" + column.Replace("\"", "\"\"") + "\"";
                var quotedTable = TableRows.QuotedTable(db, set);
                // pg_get_serial_sequence parses its first argument as SQL (quoted, it keeps its case); the column literally.
                var sql = $"SELECT setval(pg_get_serial_sequence('{quotedTable.Replace("'", "''")}', '{column.Replace("'", "''")}'), " +
                          $"COALESCE(MAX({quotedColumn}), 0) + 1, false) FROM {quotedTable}";
                await using var command = await TableRows.CommandAsync(db, sql, ct);
                await command.ExecuteScalarAsync(ct);
            }
        }
    }

    private static bool IsNumberedByPostgres(IProperty property) => NpgsqlPropertyExtensions.GetValueGenerationStrategy(property)
        is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
        or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
        or NpgsqlValueGenerationStrategy.SerialColumn;
}
