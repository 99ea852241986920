using System.Text;

namespace StarsStudio.Hosting.Moving;

/// <summary>What copy-data copied and verified, and what the operator still has to carry over by hand.</summary>
public sealed record CopyReport(
    string SourceDatabase,
    string Target,
    IReadOnlyList<TableCount> Tables,
    string DataDirectory,
    int DeliverableFiles)
{
    public bool CountsMatch => Tables.All(t => t.Matches);

    public string FilesDirectory => Path.Combine(DataDirectory, "files");

    public string PayloadKey => Path.Combine(DataDirectory, "keys", "payload.key");

    public string ToText()
    {
        var text = new StringBuilder();
        var width = Math.Max("table".Length, Tables.Max(t => t.Table.Length));
        text.AppendLine($"{"table".PadRight(width)}  {"SQLite",10}  {"PostgreSQL",10}");
        foreach (var t in Tables)
            text.AppendLine($"{t.Table.PadRight(width)}  {t.Source,10}  {t.Target,10}{(t.Matches ? "" : "  ← differs")}");
        text.AppendLine($"{"total".PadRight(width)}  {Tables.Sum(t => t.Source),10}  {Tables.Sum(t => t.Target),10}");
        text.AppendLine();
        text.AppendLine($"Copied {SourceDatabase} into PostgreSQL {Target}; every table's count matches.");
        text.AppendLine("Data Protection keys (keys/*.xml) are now in the DataProtectionKeys table, so the saved bot token, service secrets and sign-in cookies still work.");
        text.AppendLine($"Not in the database, copy by hand (or keep StarsStudio:DataDirectory={DataDirectory} for the PostgreSQL app):");
        text.AppendLine($"  {FilesDirectory}/  uploaded deliverables ({DeliverableFiles} file{(DeliverableFiles == 1 ? "" : "s")}); with several instances, a directory they all share");
        text.AppendLine($"  {PayloadKey}  the invoice payload key: invoices already sent stay payable only with it");
        text.AppendLine($"  {Path.Combine(DataDirectory, "practice.db")}  the practice emulator's virtual buyers, if you still rehearse");
        text.AppendLine("Then start the app with Database__Provider=Postgres and ConnectionStrings__StarsStudio set to the same connection string.");
        return text.ToString();
    }
}
