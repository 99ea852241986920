using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StarsStudio.Features.Reports;

/// <summary>Reads the Markdown a template renders to (Markdig) into a flat list of blocks.</summary>
public static class ReportMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static IReadOnlyList<ReportBlock> Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<ReportBlock>();
        foreach (var block in document) AddBlock(blocks, block, 0);
        return blocks;
    }

    private static void AddBlock(List<ReportBlock> blocks, Block block, int depth)
    {
        switch (block)
        {
            case HeadingBlock h:
                blocks.Add(new ReportBlock(BlockKind.Heading, Runs(h.Inline), h.Level));
                break;
            case ParagraphBlock p:
                blocks.Add(new ReportBlock(BlockKind.Paragraph, Runs(p.Inline)));
                break;
            case ThematicBreakBlock:
                blocks.Add(new ReportBlock(BlockKind.Rule, []));
                break;
            case CodeBlock code:
                blocks.Add(new ReportBlock(BlockKind.Code, [new TextRun(code.Lines.ToString().TrimEnd('\n'), Code: true)]));
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                    if (child is ParagraphBlock qp) blocks.Add(new ReportBlock(BlockKind.Quote, Runs(qp.Inline)));
                    else AddBlock(blocks, child, depth);
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}." : "•";
                    var first = true;
                    foreach (var child in item)
                    {
                        if (child is ParagraphBlock lp)
                        {
                            blocks.Add(new ReportBlock(BlockKind.ListItem, Runs(lp.Inline), depth, first ? marker : ""));
                            first = false;
                        }
                        else AddBlock(blocks, child, depth + 1);
                    }
                }
                break;
            case HtmlBlock html:
                // Raw HTML is not drawn; its text still shows, so nothing the creator wrote disappears silently.
                blocks.Add(new ReportBlock(BlockKind.Paragraph, [new TextRun(html.Lines.ToString())]));
                break;
            case ContainerBlock container:
                foreach (var child in container) AddBlock(blocks, child, depth);
                break;
        }
    }

    private static List<TextRun> Runs(ContainerInline? inline)
    {
        var runs = new List<TextRun>();
        if (inline is not null) Collect(inline, runs, false, false, null);
        return runs;
    }

    private static void Collect(Inline inline, List<TextRun> runs, bool bold, bool italic, string? link)
    {
        switch (inline)
        {
            case LiteralInline literal:
                runs.Add(new TextRun(literal.Content.ToString(), bold, italic, Link: link));
                break;
            case CodeInline code:
                runs.Add(new TextRun(code.Content, bold, italic, Code: true, Link: link));
                break;
            case LineBreakInline br:
                runs.Add(new TextRun(br.IsHard ? "\n" : " ", bold, italic, Link: link));
                break;
            case AutolinkInline auto:
                runs.Add(new TextRun(auto.Url, bold, italic, Link: auto.Url));
                break;
            case HtmlEntityInline entity:
                runs.Add(new TextRun(entity.Transcoded.ToString(), bold, italic, Link: link));
                break;
            case HtmlInline:
                break;
            case EmphasisInline em:
                var isBold = bold || em.DelimiterCount >= 2;
                var isItalic = italic || em.DelimiterCount == 1 || em.DelimiterCount >= 3;
                foreach (var child in em) Collect(child, runs, isBold, isItalic, link);
                break;
            case LinkInline l:
                foreach (var child in l) Collect(child, runs, bold, italic, l.IsImage ? null : l.Url);
                break;
            case ContainerInline container:
                foreach (var child in container) Collect(child, runs, bold, italic, link);
                break;
        }
    }

    /// <summary>All the text, for checks and search.</summary>
    public static string PlainText(IEnumerable<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (var b in blocks) sb.AppendLine(string.Concat(b.Runs.Select(r => r.Text)));
        return sb.ToString();
    }
}
