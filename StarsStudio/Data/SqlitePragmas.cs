using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StarsStudio.Data;

/// <summary>
/// Per-connection SQLite settings: NORMAL sync is durable with WAL (a power cut can lose only the last
/// commits, never corrupt) and much faster than FULL; a busy timeout lets concurrent writers queue instead of
/// failing with "database is locked".
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
