using System.Text.RegularExpressions;

namespace StarsStudio.Rehearsal;

/// <summary>
/// How the rehearsal recognises the bot's receipt in a buyer's chat in any of the bot's languages: the line that
/// starts with 🧾 and names the order code ("🧾 Receipt · order SS-…", "🧾 Beleg · Bestellung SS-…").
/// </summary>
public static partial class Receipts
{
    [GeneratedRegex(@"🧾[^\n]*?(SS-[0-9A-Z]{6})")]
    private static partial Regex ReceiptLine();

    public static bool IsReceipt(string? text) => text is not null && ReceiptLine().IsMatch(text);

    /// <summary>The order code of a receipt; null when the text is no receipt.</summary>
    public static string? CodeOf(string? text) => text is not null && ReceiptLine().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
}
