using System.Net;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// Telegram's HTML subset, for previews in the dashboard: everything is escaped, then only the tags Telegram
/// supports are put back (without attributes except a safe href), so a preview can never run script.
/// </summary>
public static partial class TelegramHtml
{
    private static readonly string[] Allowed = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote", "tg-spoiler"];

    [GeneratedRegex(@"&lt;(/?)([a-z-]+)&gt;")]
    private static partial Regex SimpleTag();

    [GeneratedRegex(@"&lt;a href=&quot;(https?://[^&""<>]+)&quot;&gt;")]
    private static partial Regex Link();

    public static string ToSafePreview(string html)
    {
        var escaped = WebUtility.HtmlEncode(html);
        escaped = SimpleTag().Replace(escaped, m => Allowed.Contains(m.Groups[2].Value) ? $"<{m.Groups[1].Value}{m.Groups[2].Value}>" : m.Value);
        escaped = Link().Replace(escaped, m => $"<a href=\"{m.Groups[1].Value}\" target=\"_blank\" rel=\"noopener\">");
        return escaped.Replace("&lt;/a&gt;", "</a>");
    }
}
