using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace StarsStudio.Tests.Features.Reports;

/// <summary>Opens a PDF with PDFsharp's reader and pulls the text shown by Tj/TJ operators out of each page's content.</summary>
public static class PdfText
{
    public static (int Pages, string Text) Read(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            foreach (var obj in Flatten(ContentReader.ReadContent(page)))
                if (obj is COperator { OpCode.Name: "Tj" or "TJ" or "'" or "\"" } op)
                {
                    foreach (var operand in Flatten(op.Operands))
                        if (operand is CString s) text.Append(s.Value);
                    text.Append(' ');
                }
            text.AppendLine();
        }
        return (document.PageCount, text.ToString());
    }

    private static IEnumerable<CObject> Flatten(IEnumerable<CObject> items)
    {
        foreach (var item in items)
        {
            yield return item;
            if (item is CSequence seq) foreach (var inner in Flatten(seq)) yield return inner;
            if (item is CArray arr) foreach (var inner in Flatten(arr)) yield return inner;
        }
    }
}
