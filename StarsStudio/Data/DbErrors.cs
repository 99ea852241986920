using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StarsStudio.Data;

/// <summary>Provider error codes features react to, in one place so no feature names a provider.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row: another writer (thread or instance) stored it first.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true, // SQLITE_CONSTRAINT
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };
}
