using Telegram.Bot;
using Telegram.Bot.Types;
using StarsStudio.Bot.Outbound;

namespace StarsStudio.Bot;

/// <summary>Fills {placeholders} in creator-written text; unknown placeholders stay as they are.</summary>
public static class Placeholders
{
    public static string Fill(string text, IReadOnlyDictionary<string, string?> values) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\{([a-z_]+)\}", m =>
            values.TryGetValue(m.Groups[1].Value, out var v) && v is not null ? v : m.Value);

    public static Dictionary<string, string?> ForUser(User? user) => new()
    {
        ["first_name"] = user?.FirstName ?? "there",
        ["username"] = user?.Username is { } u ? "@" + u : user?.FirstName,
    };
}
