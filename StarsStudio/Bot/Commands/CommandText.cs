using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>Parses "/cmd@bot args" into its parts; returns false for anything that is not a command.</summary>
public static class CommandText
{
    public static bool TryParse(string? text, string botUsername, out string name, out string arguments)
    {
        name = ""; arguments = "";
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.Length < 2) return false;
        var space = text.IndexOfAny([' ', '\n']);
        var head = space < 0 ? text[1..] : text[1..space];
        arguments = space < 0 ? "" : text[(space + 1)..].Trim();
        var at = head.IndexOf('@');
        if (at >= 0)
        {
            // A command addressed to another bot in a group is not ours.
            if (!head[(at + 1)..].Equals(botUsername, StringComparison.OrdinalIgnoreCase)) return false;
            head = head[..at];
        }
        name = head.ToLowerInvariant();
        return name.Length > 0;
    }
}
