namespace StarsStudio.Features.Ledger;

/// <summary>
/// What a Star transaction was, from its partner (and, for a user, its transaction_type). Only
/// <see cref="InvoicePayment"/> is a sale of a paid action and is matched to orders; the rest are the bot's other
/// income and spending, kept so the ledger adds up to Telegram's balance.
/// </summary>
public enum LedgerKind
{
    /// <summary>user / invoice_payment: a buyer paid an invoice (outgoing: its refund).</summary>
    InvoicePayment,
    /// <summary>user / paid_media_payment: a paid photo or video unlocked.</summary>
    PaidMedia,
    /// <summary>user / gift_purchase: a gift sent to or bought from the bot.</summary>
    Gift,
    /// <summary>user / premium_purchase: Telegram Premium bought with the bot's Stars.</summary>
    PremiumPurchase,
    /// <summary>user / business_account_transfer: Stars moved to or from a business account.</summary>
    BusinessTransfer,
    /// <summary>affiliate_program: a commission from an affiliate program the bot joined.</summary>
    AffiliateCommission,
    /// <summary>telegram_api: paid broadcasts (allow_paid_broadcast), with the number of paid requests.</summary>
    PaidBroadcast,
    /// <summary>fragment: a withdrawal to Fragment.</summary>
    Withdrawal,
    /// <summary>telegram_ads: Stars spent on Telegram Ads.</summary>
    TelegramAds,
    /// <summary>chat: a transaction with a chat (e.g. a gift sent to a channel).</summary>
    Chat,
    /// <summary>other: a transaction Telegram does not describe.</summary>
    Other,
    /// <summary>A partner or transaction_type newer than this app: kept and shown as Telegram named it.</summary>
    Unknown,
}
