using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Serves the DejaVu Sans faces shipped in wwwroot-assets/fonts to PDFsharp, so reports never depend on the
/// fonts of the machine they run on.
/// </summary>
public sealed class DejaVuFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Dictionary<string, string> Files = new()
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSans-Oblique"] = "DejaVuSans-Oblique.ttf",
        ["DejaVuSans-BoldOblique"] = "DejaVuSans-BoldOblique.ttf",
    };

    public string Directory { get; } = directory;

    public bool IsComplete => Files.Values.All(f => File.Exists(Path.Combine(Directory, f)));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[]? GetFont(string faceName) =>
        Files.TryGetValue(faceName, out var file) && File.Exists(Path.Combine(Directory, file)) ? File.ReadAllBytes(Path.Combine(Directory, file)) : null;

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's resolver is process-wide and can be set only once: the first directory wins.</summary>
    public static void Install(string directory)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuFontResolver(directory);
        }
    }
}
