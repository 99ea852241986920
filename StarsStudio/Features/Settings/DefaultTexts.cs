using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Settings;

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
