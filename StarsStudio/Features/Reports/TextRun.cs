using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StarsStudio.Features.Reports;

/// <summary>A piece of text with its style; "\n" inside a run is a hard line break.</summary>
public sealed record TextRun(string Text, bool Bold = false, bool Italic = false, bool Code = false, string? Link = null);
