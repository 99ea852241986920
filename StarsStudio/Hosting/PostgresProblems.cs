using Npgsql;

namespace StarsStudio.Hosting;

/// <summary>
/// One sentence for a PostgreSQL failure at start. It names host, port, database and user from the connection
/// string, never the password (Npgsql's own messages do not carry it either).
/// </summary>
internal static class PostgresProblems
{
    public static string Where(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"database '{b.Database ?? b.Username}' on {b.Host}:{b.Port} as '{b.Username}'";
        }
        catch (ArgumentException)
        {
            return "the database in ConnectionStrings:StarsStudio";
        }
    }

    public static StartupProblemException Explain(Exception e, string connectionString)
    {
        var where = Where(connectionString);
        var sentence = e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"PostgreSQL refused the user name or password for {where}; check ConnectionStrings:StarsStudio.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"PostgreSQL has no {where}, and this user cannot create it; create it (createdb) or grant CREATEDB.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p =>
                $"PostgreSQL refused {where} ({p.MessageText.TrimEnd('.')}); give this user ownership of the database.",
            PostgresException p =>
                $"PostgreSQL refused {where} ({p.MessageText.TrimEnd('.')}).",
            NpgsqlException or TimeoutException or System.Net.Sockets.SocketException =>
                $"StarsStudio cannot reach PostgreSQL for {where} ({Root(e).TrimEnd('.')}); check that the server runs and ConnectionStrings:StarsStudio names it.",
            _ => $"StarsStudio cannot use {where} ({e.GetType().Name}).",
        };
        return new StartupProblemException(sentence, e);
    }

    private static string Root(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e.Message;
    }
}
