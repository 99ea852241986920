namespace StarsStudio.Data;

/// <summary>Splits a command into its statements and names each one's kind by its first keyword.</summary>
public static class SqlStatementKinds
{
    public static IEnumerable<SqlStatementKind> Of(string commandText)
    {
        foreach (var statement in Statements(commandText))
            yield return KindOf(statement);
    }

    public static SqlStatementKind KindOf(string statement)
    {
        var word = FirstWord(statement);
        return word switch
        {
            "SELECT" or "VALUES" => SqlStatementKind.Read,
            // A CTE leads into whatever follows it; the app's CTEs feed reads unless a write keyword follows.
            "WITH" => ContainsWord(statement, "INSERT") || ContainsWord(statement, "UPDATE") || ContainsWord(statement, "DELETE") ? SqlStatementKind.Write : SqlStatementKind.Read,
            "INSERT" or "UPDATE" or "DELETE" or "REPLACE" => SqlStatementKind.Write,
            // A transaction is counted once, where it begins; its COMMIT or ROLLBACK is not a second one.
            "BEGIN" => SqlStatementKind.Transaction,
            _ => SqlStatementKind.Other,
        };
    }

    /// <summary>
    /// True when the command writes. It runs on every command of the SQLite write gate, so the usual one-statement
    /// command is decided by its first word without splitting or allocating.
    /// </summary>
    public static bool IsWrite(string commandText)
    {
        var first = FirstWordSpan(commandText);
        if (IsWriteKeyword(first)) return true;
        if (!commandText.Contains(';') && !first.Equals("WITH", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var kind in Of(commandText))
            if (kind == SqlStatementKind.Write) return true;
        return false;
    }

    private static bool IsWriteKeyword(ReadOnlySpan<char> word) =>
        word.Equals("INSERT", StringComparison.OrdinalIgnoreCase) || word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase)
        || word.Equals("DELETE", StringComparison.OrdinalIgnoreCase) || word.Equals("REPLACE", StringComparison.OrdinalIgnoreCase);

    /// <summary>Statements separated by ';' outside quotes and comments; empty ones are skipped.</summary>
    public static IEnumerable<string> Statements(string text)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q) { if (c == q) quote = null; continue; }
            if (c is '\'' or '"' or '`') { quote = c; continue; }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
                continue;
            }
            if (c != ';') continue;
            if (!text.AsSpan(start, i - start).IsWhiteSpace()) yield return text[start..i];
            start = i + 1;
        }
        if (start < text.Length && !text.AsSpan(start).IsWhiteSpace()) yield return text[start..];
    }

    private static string FirstWord(string statement) => FirstWordSpan(statement).ToString().ToUpperInvariant();

    private static ReadOnlySpan<char> FirstWordSpan(string statement)
    {
        var s = statement.AsSpan().TrimStart();
        while (s.StartsWith("--"))
        {
            var end = s.IndexOf('\n');
            s = end < 0 ? [] : s[(end + 1)..].TrimStart();
        }
        var length = 0;
        while (length < s.Length && char.IsLetter(s[length])) length++;
        return s[..length];
    }

    private static bool ContainsWord(string statement, string word) =>
        statement.Contains(word, StringComparison.OrdinalIgnoreCase);
}
