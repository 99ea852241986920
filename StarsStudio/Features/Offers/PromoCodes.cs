using System.Security.Cryptography;

namespace StarsStudio.Features.Offers;

/// <summary>
/// What a code may look like and how it travels in a link. Telegram's start parameter allows A-Z a-z 0-9 _ - and
/// up to 64 characters, and the link carries "&lt;slug&gt;--&lt;CODE&gt;", so a code never contains "--" and the link says
/// when slug and code together are too long.
/// </summary>
public static class PromoCodes
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const int StartParameterMax = 64;
    public const string Separator = "--";
    /// <summary>Generated codes: no 0/O, 1/I/L, so a code read aloud is typed right.</summary>
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Normalize(string? text) => (text ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when the (normalized) code is acceptable, else why not, for the editor.</summary>
    public static string? Problem(string code)
    {
        if (code.Length < MinLength || code.Length > MaxLength) return $"A code has {MinLength}–{MaxLength} characters.";
        if (!code.All(IsAllowed)) return "Use only letters A–Z, digits, _ and - (what a Telegram link can carry).";
        if (code.Contains(Separator) || code.StartsWith('-') || code.EndsWith('-')) return "A code cannot start or end with - or contain --.";
        return null;
    }

    /// <summary>Could this text be a code a buyer typed? (Case-insensitive; the database decides if it exists.)</summary>
    public static bool LooksLikeCode(string? text)
    {
        var t = Normalize(text);
        return Problem(t) is null;
    }

    public static string StartParameter(string slug, string code) => $"{slug}{Separator}{code}";

    /// <summary>The link that opens the action with the code applied.</summary>
    public static string Link(string? botUsername, string slug, string code) =>
        $"https://t.me/{botUsername ?? "your_bot"}?start={StartParameter(slug, code)}";

    public static bool LinkFits(string slug, string code) => StartParameter(slug, code).Length <= StartParameterMax;

    /// <summary>Splits a start parameter "slug--CODE" at its last separator; false when it carries no code.</summary>
    public static bool TrySplitStart(string parameter, out string slug, out string code)
    {
        slug = code = "";
        var at = parameter.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at + Separator.Length >= parameter.Length) return false;
        slug = parameter[..at];
        code = Normalize(parameter[(at + Separator.Length)..]);
        return true;
    }

    public static string Generate(string? prefix, int randomLength = 8) =>
        (string.IsNullOrEmpty(prefix) ? "" : prefix + "-") + RandomNumberGenerator.GetString(Alphabet, randomLength);

    private static bool IsAllowed(char c) => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-';
}
