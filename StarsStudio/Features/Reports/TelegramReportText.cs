using System.Net;
using System.Text;

namespace StarsStudio.Features.Reports;

/// <summary>Report blocks as Telegram HTML (b, i, code, pre, a, blockquote), split into messages of at most 4096 characters.</summary>
public static class TelegramReportText
{
    public const int MessageLimit = 4096;

    public static IReadOnlyList<string> Messages(IReadOnlyList<ReportBlock> blocks)
    {
        var parts = blocks.Select(Block).Where(p => p.Length > 0).ToList();
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var part in parts)
        {
            var piece = part.Length > MessageLimit ? part[..MessageLimit] : part;
            if (current.Length > 0 && current.Length + 2 + piece.Length > MessageLimit)
            {
                messages.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append(blocksSeparator(piece));
            current.Append(piece);
        }
        if (current.Length > 0) messages.Add(current.ToString());
        return messages;

        static string blocksSeparator(string next) => next.StartsWith("• ") || char.IsDigit(next.FirstOrDefault()) ? "\n" : "\n\n";
    }

    private static string Block(ReportBlock b) => b.Kind switch
    {
        BlockKind.Heading => $"<b>{Inline(b.Runs.Select(r => r with { Bold = false }))}</b>",
        BlockKind.ListItem => $"{new string(' ', b.Level * 3)}{(b.Marker is "" or null ? "  " : b.Marker + " ")}{Inline(b.Runs)}",
        BlockKind.Quote => $"<blockquote>{Inline(b.Runs)}</blockquote>",
        BlockKind.Code => $"<pre>{H(string.Concat(b.Runs.Select(r => r.Text)))}</pre>",
        BlockKind.Rule => "———",
        _ => Inline(b.Runs),
    };

    private static string Inline(IEnumerable<TextRun> runs)
    {
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            var text = r.Code ? $"<code>{H(r.Text)}</code>" : H(r.Text);
            if (r.Italic) text = $"<i>{text}</i>";
            if (r.Bold) text = $"<b>{text}</b>";
            if (r.Link is { } url && (url.StartsWith("https://") || url.StartsWith("http://") || url.StartsWith("tg://"))) text = $"<a href=\"{H(url)}\">{text}</a>";
            sb.Append(text);
        }
        return sb.ToString().Trim();
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
