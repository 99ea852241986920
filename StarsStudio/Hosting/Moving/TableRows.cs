using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace StarsStudio.Hosting.Moving;

/// <summary>Row counts of an entity set's table, read in the context's current transaction (same SQL on both providers).</summary>
internal static class TableRows
{
    public static string QuotedTable(DbContext db, IEntityType type) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(type.GetTableName()!, type.GetSchema());

    public static async Task<long> CountAsync(DbContext db, IEntityType type, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, $"SELECT COUNT(*) FROM {QuotedTable(db, type)}", ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>Rows the migrations insert (HasData); the runtime model does not keep them, the design-time one does.</summary>
    public static int SeedRows(DbContext db, IEntityType type) =>
        db.GetService<IDesignTimeModel>().Model.FindEntityType(type.Name)?.GetSeedData().Count() ?? 0;

    /// <summary>A command on the context's connection, enlisted in its transaction if it has one.</summary>
    public static async Task<DbCommand> CommandAsync(DbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
