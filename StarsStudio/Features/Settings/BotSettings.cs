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

    /// <summary>IANA id; dashboard times are shown and entered in this zone, stored in UTC.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Where buyers can top up Stars; used in reminder and checkout messages.</summary>
    public string TopUpLink { get; set; } = DefaultTexts.TopUpLink;
}

internal sealed class BotSettingsConfiguration : IEntityTypeConfiguration<BotSettings>
{
    public void Configure(EntityTypeBuilder<BotSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new BotSettings());
    }
}

/// <summary>Buyer-facing defaults that meet Telegram's rules (/paysupport and /privacy must answer).</summary>
public static class DefaultTexts
{
    public const string TopUpLink = "https://t.me/PremiumBot";

    public const string Welcome =
        "Hi {first_name}! 👋\nHere you can buy ready-made digital goods and services with Telegram Stars ⭐.\n" +
        "Each item says exactly what you get after paying. Pick one below.";

    public const string Support =
        "Need help with a payment? 🙋\nReply here with your order code (it looks like SS-7K3Q9) and what went wrong. " +
        "We answer every payment question and refund in full when we could not deliver.\n" +
        "If we cannot solve it together, you can contact Telegram through @BotSupport.";

    public const string Terms =
        "Terms of sale\n• Prices are in Telegram Stars and shown before you pay.\n" +
        "• You receive what the item describes right after Telegram confirms the payment.\n" +
        "• If something you paid for does not arrive or does not work, use /paysupport and we will fix it or refund you.\n" +
        "• Purchases are for your personal use.";

    public const string Privacy =
        "Privacy\nWe store your Telegram user id, name, username and your orders to deliver purchases and give support. " +
        "We do not sell or share this data. Send /stop to stop reminders; ask via /paysupport to have your data deleted.";
}
