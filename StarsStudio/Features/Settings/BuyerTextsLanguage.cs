using StarsStudio.Features.Languages;

namespace StarsStudio.Features.Settings;

/// <summary>
/// The one place the creator's welcome, /paysupport, /terms and /privacy texts are picked for a buyer: their
/// language's translation when present and not blank; else, while a text is still StarsStudio's shipped default,
/// that default in the buyer's language; else the creator's default-language text.
/// </summary>
public static class BuyerTextsLanguage
{
    public static BuyerTexts For(BotSettings s, Words w)
    {
        var code = w.Code;
        var t = string.Equals(code, BuyerLanguages.Normalize(s.DefaultLanguage), StringComparison.Ordinal)
            ? null
            : s.TextTranslations.FirstOrDefault(x => string.Equals(BuyerLanguages.Normalize(x.Language), code, StringComparison.Ordinal));
        return new BuyerTexts(
            Pick(t?.Welcome, s.WelcomeText, DefaultTexts.Welcome, w, "default.welcome"),
            Pick(t?.Support, s.SupportText, DefaultTexts.Support, w, "default.support"),
            Pick(t?.Terms, s.TermsText, DefaultTexts.Terms, w, "default.terms"),
            Pick(t?.Privacy, s.PrivacyText, DefaultTexts.Privacy, w, "default.privacy"));
    }

    private static string Pick(string? translated, string text, string shippedDefault, Words w, string key) =>
        !string.IsNullOrWhiteSpace(translated) ? translated
        : text == shippedDefault ? w[key]
        : text;
}
