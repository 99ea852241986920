namespace StarsStudio.Features.Ledger;

/// <summary>How the ledger names kinds and directions to a person.</summary>
public static class LedgerLabels
{
    public static string Kind(LedgerKind kind, bool outgoing = false) => kind switch
    {
        LedgerKind.InvoicePayment => outgoing ? "Refund of a sale" : "Sale (invoice)",
        LedgerKind.PaidMedia => outgoing ? "Refund of paid media" : "Paid media",
        LedgerKind.Gift => "Gift",
        LedgerKind.PremiumPurchase => "Telegram Premium",
        LedgerKind.BusinessTransfer => "Business account transfer",
        LedgerKind.AffiliateCommission => "Affiliate commission",
        LedgerKind.PaidBroadcast => "Paid broadcast",
        LedgerKind.Withdrawal => outgoing ? "Withdrawal to Fragment" : "From Fragment",
        LedgerKind.TelegramAds => "Telegram Ads",
        LedgerKind.Chat => "Chat",
        LedgerKind.Other => "Other (Telegram)",
        _ => "Unknown kind",
    };

    /// <summary>Kind of an entry, naming an unknown one as Telegram did.</summary>
    public static string Of(LedgerEntry e) => e.Kind == LedgerKind.Unknown
        ? $"Unknown: {e.PartnerType}{(e.TransactionType is { } t ? " / " + t : "")}"
        : Kind(e.Kind, e.Outgoing);
}
