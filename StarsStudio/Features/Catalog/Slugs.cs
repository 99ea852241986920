using System.Text;

namespace StarsStudio.Features.Catalog;

/// <summary>Turns a name into a link name Telegram accepts in /start parameters (a-z 0-9 - _, ≤ 64).</summary>
public static class Slugs
{
    public static string From(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-' or '_') && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > 64) slug = slug[..64].Trim('-');
        return slug.Length >= 3 ? slug : (slug + "-action")[..Math.Max(3, Math.Min(64, slug.Length + 7))];
    }
}
