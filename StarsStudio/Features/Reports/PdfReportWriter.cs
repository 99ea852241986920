using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Draws report blocks on A4 pages with PDFsharp: headings, paragraphs, bullet and numbered lists, quotes, code,
/// bold and italic runs, with word wrapping and page breaks. Text that fits Windows-1252 is written with
/// WinAnsi encoding (readable in the content stream, which tests and search tools rely on); other scripts
/// use Unicode glyph encoding so every character still shows.
/// </summary>
public static class PdfReportWriter
{
    private const double Margin = 56;
    private const double BodySize = 11;

    public static byte[] Write(string title, IReadOnlyList<ReportBlock> blocks, string fontsDirectory)
    {
        var resolver = new DejaVuFontResolver(fontsDirectory);
        if (!resolver.IsComplete) throw new ReportGenerationException($"The report fonts are missing from {fontsDirectory} (DejaVuSans*.ttf).");
        DejaVuFontResolver.Install(fontsDirectory);

        var encoding = blocks.SelectMany(b => b.Runs).All(r => r.Text.All(IsWinAnsi)) && title.All(IsWinAnsi) ? PdfFontEncoding.WinAnsi : PdfFontEncoding.Unicode;
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "StarsStudio";
        document.Options.CompressContentStreams = false;
        var layout = new Layout(document, encoding);
        foreach (var block in blocks) layout.Draw(block);
        layout.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static bool IsWinAnsi(char c) => c is '\n' or '\t' || (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF);

    private sealed class Layout(PdfDocument document, PdfFontEncoding encoding)
    {
        private readonly Dictionary<(double, bool, bool), XFont> fonts = [];
        private XGraphics? gfx;
        private PdfPage? page;
        private double y;
        private double Bottom => page!.Height.Point - Margin;
        private double Width => page!.Width.Point - 2 * Margin;

        private XFont Font(double size, bool bold, bool italic)
        {
            if (!fonts.TryGetValue((size, bold, italic), out var font))
            {
                var style = (bold, italic) switch { (true, true) => XFontStyleEx.BoldItalic, (true, false) => XFontStyleEx.Bold, (false, true) => XFontStyleEx.Italic, _ => XFontStyleEx.Regular };
                fonts[(size, bold, italic)] = font = new XFont(DejaVuFontResolver.Family, size, style, new XPdfFontOptions(encoding));
            }
            return font;
        }

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        public void Draw(ReportBlock block)
        {
            if (page is null) NewPage();
            switch (block.Kind)
            {
                case BlockKind.Heading:
                    var size = block.Level switch { 1 => 20, 2 => 16, 3 => 13.5, _ => 12 };
                    y += block.Level == 1 ? 4 : 10;
                    Paragraph(block.Runs.Select(r => r with { Bold = true }).ToList(), size, Margin, Width, keepWithNext: true);
                    y += 4;
                    break;
                case BlockKind.ListItem:
                    var indent = 18 + block.Level * 18;
                    var font = Font(BodySize, false, false);
                    EnsureRoom(font.GetHeight());
                    if (block.Marker == "•")
                        gfx!.DrawEllipse(XBrushes.Black, Margin + indent - 11, y + font.GetHeight() / 2 - 2, 4, 4);
                    else if (!string.IsNullOrEmpty(block.Marker))
                        gfx!.DrawString(block.Marker, font, XBrushes.Black, Margin + indent - 4 - gfx.MeasureString(block.Marker, font).Width, y, XStringFormats.TopLeft);
                    Paragraph(block.Runs, BodySize, Margin + indent, Width - indent);
                    y += 3;
                    break;
                case BlockKind.Quote:
                    var top = y;
                    Paragraph(block.Runs.Select(r => r with { Italic = true }).ToList(), BodySize, Margin + 16, Width - 16);
                    gfx!.DrawLine(new XPen(XColors.Gray, 2), Margin + 4, Math.Min(top, y), Margin + 4, y);
                    y += 6;
                    break;
                case BlockKind.Code:
                    Paragraph(block.Runs, BodySize - 1, Margin + 12, Width - 12);
                    y += 6;
                    break;
                case BlockKind.Rule:
                    EnsureRoom(12);
                    gfx!.DrawLine(new XPen(XColors.LightGray, 1), Margin, y + 6, Margin + Width, y + 6);
                    y += 14;
                    break;
                default:
                    Paragraph(block.Runs, BodySize, Margin, Width);
                    y += 7;
                    break;
            }
        }

        private void EnsureRoom(double height)
        {
            if (y + height > Bottom) NewPage();
        }

        /// <summary>Lays styled words into lines no wider than <paramref name="width"/>, breaking pages as needed.</summary>
        private void Paragraph(IReadOnlyList<TextRun> runs, double size, double left, double width, bool keepWithNext = false)
        {
            var lineHeight = Font(size, false, false).GetHeight() * 1.2;
            if (keepWithNext) EnsureRoom(lineHeight * 3);
            var line = new List<(string Text, XFont Font, XBrush Brush)>();
            double lineWidth = 0;

            void Flush()
            {
                EnsureRoom(lineHeight);
                var x = left;
                // Neighbouring words in the same style are drawn as one string: fewer operators, and the text
                // reads back whole from the content stream (search, copy, tests).
                var merged = new List<(string Text, XFont Font, XBrush Brush)>();
                foreach (var piece in line)
                {
                    if (merged.Count > 0 && ReferenceEquals(merged[^1].Font, piece.Font) && ReferenceEquals(merged[^1].Brush, piece.Brush))
                        merged[^1] = (merged[^1].Text + piece.Text, piece.Font, piece.Brush);
                    else merged.Add(piece);
                }
                if (merged.Count > 0) merged[^1] = (merged[^1].Text.TrimEnd(), merged[^1].Font, merged[^1].Brush);
                foreach (var (text, font, brush) in merged)
                {
                    if (text.Length == 0) continue;
                    gfx!.DrawString(text, font, brush, x, y, XStringFormats.TopLeft);
                    x += gfx.MeasureString(text, font).Width;
                }
                y += lineHeight;
                line.Clear();
                lineWidth = 0;
            }

            foreach (var run in runs)
            {
                var font = Font(size, run.Bold, run.Italic);
                var brush = run.Link is not null ? XBrushes.RoyalBlue : run.Code ? XBrushes.DimGray : XBrushes.Black;
                var pieces = run.Text.Replace("\r", "").Split('\n');
                for (var p = 0; p < pieces.Length; p++)
                {
                    if (p > 0) Flush();
                    foreach (var word in SplitKeepingSpaces(pieces[p]))
                    {
                        var w = gfx!.MeasureString(word, font).Width;
                        if (lineWidth + w > width && line.Count > 0)
                        {
                            if (string.IsNullOrWhiteSpace(word)) continue;
                            Flush();
                        }
                        if (line.Count == 0 && string.IsNullOrWhiteSpace(word)) continue;
                        // A single word wider than the line (a long link) is cut rather than drawn off the page.
                        var remaining = word;
                        while (gfx.MeasureString(remaining, font).Width > width && remaining.Length > 1)
                        {
                            var cut = remaining.Length - 1;
                            while (cut > 1 && gfx.MeasureString(remaining[..cut], font).Width > width) cut--;
                            line.Add((remaining[..cut], font, brush));
                            Flush();
                            remaining = remaining[cut..];
                        }
                        line.Add((remaining, font, brush));
                        lineWidth += gfx.MeasureString(remaining, font).Width;
                    }
                }
            }
            if (line.Count > 0) Flush();
        }

        private static IEnumerable<string> SplitKeepingSpaces(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != ' ') continue;
                if (i > start) yield return text[start..i];
                yield return " ";
                start = i + 1;
            }
            if (start < text.Length) yield return text[start..];
        }

        public void Finish()
        {
            if (page is null) NewPage();
            gfx?.Dispose();
            var count = document.PageCount;
            if (count < 2) return;
            var footer = new XFont(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular, new XPdfFontOptions(encoding));
            for (var i = 0; i < count; i++)
            {
                var p = document.Pages[i];
                using var g = XGraphics.FromPdfPage(p, XGraphicsPdfPageOptions.Append);
                g.DrawString($"{i + 1} / {count}", footer, XBrushes.Gray, new XRect(0, p.Height.Point - Margin / 2 - 8, p.Width.Point, 10), XStringFormats.TopCenter);
            }
        }
    }
}
