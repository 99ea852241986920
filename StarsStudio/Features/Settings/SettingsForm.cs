using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Features.Settings;

/// <summary>The editable part of Settings, validated next to each field.</summary>
public sealed class SettingsForm
{
    [Required(ErrorMessage = "Buyers see this after /start; write a short welcome.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string WelcomeText { get; set; } = "";

    [Required(ErrorMessage = "Telegram requires an answer to /paysupport.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string SupportText { get; set; } = "";

    [Required(ErrorMessage = "Buyers see this after /terms.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string TermsText { get; set; } = "";

    [Required(ErrorMessage = "Telegram requires an answer to /privacy.")]
    [StringLength(4096, ErrorMessage = "Telegram messages are at most 4096 characters.")]
    public string PrivacyText { get; set; } = "";

    [Required(ErrorMessage = "Choose your time zone.")]
    public string TimeZoneId { get; set; } = "UTC";

    [Required(ErrorMessage = "Buyers need a place to top up Stars.")]
    [Url(ErrorMessage = "Enter a full link, e.g. https://t.me/PremiumBot.")]
    public string TopUpLink { get; set; } = "";

    public static SettingsForm From(BotSettings s) => new()
    {
        WelcomeText = s.WelcomeText, SupportText = s.SupportText, TermsText = s.TermsText, PrivacyText = s.PrivacyText,
        TimeZoneId = s.TimeZoneId, TopUpLink = s.TopUpLink,
    };
}
