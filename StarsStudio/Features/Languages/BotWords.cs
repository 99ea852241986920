using System.Collections.Frozen;
using System.Text.Json;

namespace StarsStudio.Features.Languages;

/// <summary>
/// The bot's own words for every shipped language, read once from the embedded Words/{code}.json files. English is
/// the reference: every other file has exactly its keys and placeholders (a test checks it), so a lookup never
/// needs a fallback.
/// </summary>
public static class BotWords
{
    private static readonly FrozenDictionary<string, Words> byCode = BuyerLanguages.Shipped
        .ToFrozenDictionary(l => l.Code, l => new Words(l, Load(l.Code)), StringComparer.OrdinalIgnoreCase);

    /// <summary>English: what the bot says where no buyer language applies (and what older tests read).</summary>
    public static Words English => byCode[BuyerLanguages.English];

    /// <summary>A shipped language's words; anything else (null, unknown) gets English.</summary>
    public static Words For(string? code) =>
        BuyerLanguages.Find(code) is { } l ? byCode[l.Code] : English;

    /// <summary>The words for a buyer's Telegram language code, through the fallback chain to the creator's default.</summary>
    public static Words For(string? telegramCode, string? creatorDefault) =>
        byCode[BuyerLanguages.Resolve(telegramCode, creatorDefault).Code];

    /// <summary>The raw texts of one language file, for the key test.</summary>
    public static IReadOnlyDictionary<string, string> Load(string code)
    {
        using var stream = typeof(BotWords).Assembly.GetManifestResourceStream($"BotWords.{code}.json")
            ?? throw new InvalidOperationException($"Bot words for \"{code}\" are not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Bot words for \"{code}\" are empty.");
    }
}
