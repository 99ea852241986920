using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Settings;

/// <summary>The single row of workspace settings the Owner edits on the Settings page.</summary>
public sealed class BotSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;

    /// <summary>Data Protection ciphertext of a token pasted on the Settings page; config's token wins over it.</summary>
    public string? ProtectedBotToken { get; set; }
    /// <summary>@username returned by getMe when the token was saved.</summary>
    public string? BotUsername { get; set; }

    /// <summary>Token of this install's practice bot in the built-in emulator (made once, kept so practice chats persist).</summary>
    public string? PracticeBotToken { get; set; }

    public string WelcomeText { get; set; } = DefaultTexts.Welcome;
    public string SupportText { get; set; } = DefaultTexts.Support;
    public string TermsText { get; set; } = DefaultTexts.Terms;
    public string PrivacyText { get; set; } = DefaultTexts.Privacy;

    /// <summary>
    /// The language the texts above (and each action's own fields) are written in, and the one a buyer whose
    /// Telegram language has no translation sees. A shipped code (Features/Languages).
    /// </summary>
    public string DefaultLanguage { get; set; } = Languages.BuyerLanguages.English;
    /// <summary>The texts above in other languages.</summary>
    public Reports.ValueList<BuyerTextsTranslation> TextTranslations { get; set; } = [];

    /// <summary>IANA id; dashboard times are shown and entered in this zone, stored in UTC.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Where buyers can top up Stars; used in reminder and checkout messages.</summary>
    public string TopUpLink { get; set; } = DefaultTexts.TopUpLink;
}
