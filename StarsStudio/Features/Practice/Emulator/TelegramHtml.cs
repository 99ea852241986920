using System.Net;
using System.Text;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Telegram's parse_mode=HTML: a small set of tags, properly nested and closed; anything else is refused with
/// "can't parse entities", so copy that would break on the real Telegram breaks in practice too.
/// </summary>
public static class TelegramHtml
{
    private static readonly HashSet<string> SupportedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    /// <summary>Returns the text as the buyer sees it (tags removed, entities decoded), or throws Telegram's 400.</summary>
    public static string ToPlainText(string html)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0) throw Error($"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                var inner = html[(i + 1)..close].Trim();
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0) throw Error($"Unexpected end tag at byte offset {ByteOffset(html, i)}");
                    if (open.Peek() != name)
                        throw Error($"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{open.Peek()}>\", found \"</{name}>\"");
                    open.Pop();
                }
                else
                {
                    var name = inner.Split([' ', '\t', '\n', '/'], 2)[0].ToLowerInvariant();
                    if (!SupportedTags.Contains(name))
                        throw Error($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}");
                    open.Push(name);
                }
                i = close + 1;
            }
            else if (c == '&')
            {
                var semicolon = html.IndexOf(';', i);
                if (semicolon > i && semicolon - i <= 10)
                {
                    var entity = html[i..(semicolon + 1)];
                    var decoded = WebUtility.HtmlDecode(entity);
                    // Telegram knows only &lt; &gt; &amp; &quot; and numeric entities; others stay as typed.
                    if (decoded != entity && (entity is "&lt;" or "&gt;" or "&amp;" or "&quot;" || entity.StartsWith("&#")))
                    {
                        text.Append(decoded);
                        i = semicolon + 1;
                        continue;
                    }
                }
                text.Append(c);
                i++;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        if (open.Count > 0) throw Error($"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        return text.ToString();
    }

    private static int ByteOffset(string s, int charIndex) => Encoding.UTF8.GetByteCount(s.AsSpan(0, charIndex));

    private static BotApiException Error(string detail) => BotApiException.BadRequest("can't parse entities: " + detail);
}
