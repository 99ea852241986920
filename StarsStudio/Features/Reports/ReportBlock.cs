using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StarsStudio.Features.Reports;

/// <summary>One block of a rendered report, the shape both the PDF and the Telegram message are drawn from.</summary>
public sealed record ReportBlock(BlockKind Kind, IReadOnlyList<TextRun> Runs, int Level = 0, string? Marker = null);
