using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Languages;

/// <summary>
/// The bot's own sentences in one shipped language. <see cref="this[string]"/> gives a text as written;
/// <see cref="T"/> fills its {named} placeholders. In a right-to-left language every filled value and every
/// /command is wrapped in a Unicode isolate, so order codes, ⭐ amounts and commands keep their left-to-right
/// order inside Persian sentences on every Telegram client.
/// </summary>
public sealed partial class Words(BuyerLanguage language, IReadOnlyDictionary<string, string> texts)
{
    private const char FirstStrongIsolate = '\u2068', LeftToRightIsolate = '\u2066', PopIsolate = '\u2069';

    public BuyerLanguage Language { get; } = language;
    public string Code => Language.Code;
    public bool RightToLeft => Language.RightToLeft;
    public IReadOnlyDictionary<string, string> Texts { get; } = texts;

    /// <summary>The text as written (placeholders left in); a missing key is a bug the key test catches, so it throws.</summary>
    public string this[string key] => RightToLeft ? IsolateCommands(Raw(key)) : Raw(key);

    /// <summary>The text with its placeholders filled; placeholders without a value stay as they are.</summary>
    public string T(string key, params (string Name, object? Value)[] values)
    {
        var text = Raw(key);
        if (values.Length > 0)
            text = Placeholder().Replace(text, m =>
            {
                foreach (var (name, value) in values)
                    if (name == m.Groups[1].Value)
                        // "/{command}" becomes a command, isolated whole below; other values are isolated alone.
                        return m.Index > 0 && text[m.Index - 1] == '/' ? Format(value) : Isolate(Format(value));
                return m.Value;
            });
        return RightToLeft ? IsolateCommands(text) : text;
    }

    private string Raw(string key) => Texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"Bot words: no \"{key}\" in {Code}.");

    /// <summary>One of two forms by count ("key.one" / "key.other"); languages without that distinction word both alike.</summary>
    public string Count(string key, int n, params (string Name, object? Value)[] values) =>
        T(n == 1 ? key + ".one" : key + ".other", [("n", n), .. values]);

    /// <summary>A value inside a sentence: isolated in right-to-left languages (it may be Latin, digits or either).</summary>
    public string Isolate(string value) => RightToLeft && value.Length > 0 ? $"{FirstStrongIsolate}{value}{PopIsolate}" : value;

    /// <summary>Numbers as plain digits in every language (callers format prices as "1,000" themselves), so codes and amounts read alike.</summary>
    private static string Format(object? value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => "",
        _ => value.ToString() ?? "",
    };

    private static string IsolateCommands(string text) => Command().Replace(text, m => $"{LeftToRightIsolate}{m.Value}{PopIsolate}");

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    public static partial Regex Placeholder();

    [GeneratedRegex(@"(?<![\w/])/[a-z][a-z0-9_]*")]
    private static partial Regex Command();
}
