using System.Globalization;
using StarsStudio.Features.Languages;

namespace StarsStudio.Features.Catalog.Copy;

/// <summary>
/// The fixed sentences buyers see about credits and commands. One place, so the coach's suggestions and the
/// previews never word the same fact two ways. Without <see cref="Words"/> they are English.
/// </summary>
public static class BuyerFacts
{
    public static string Credits(int amount) =>
        amount == 1 ? "1 credit" : $"{amount.ToString("N0", CultureInfo.InvariantCulture)} credits";

    public static string Days(int days, Words? w = null) => (w ?? BotWords.English).Count("facts.days", days);

    public static string Stars(int stars) => stars.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"Credits expire 30 days after purchase." — shown before checkout, never only after.</summary>
    public static string ExpirySentence(int days, Words? w = null) => (w ?? BotWords.English).T("facts.expiry", ("days", Days(days, w)));

    /// <summary>"3 uses of /translate".</summary>
    public static string CommandUses(int uses, string commandName, Words? w = null) =>
        (w ?? BotWords.English).Count("facts.uses", uses, ("command", CommandName(commandName)));

    /// <summary>Creators type "/translate" or "translate"; buyers always see one slash.</summary>
    public static string CommandName(string name) => name.Trim().TrimStart('/');
}
