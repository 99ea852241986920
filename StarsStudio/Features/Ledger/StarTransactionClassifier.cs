using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Ledger;

/// <summary>
/// Turns one transaction of getStarTransactions into a ledger entry, by its partner's type. Read from the raw JSON
/// one transaction at a time: Telegram.Bot refuses a whole page when one partner has a type it does not know yet,
/// and reads an unknown transaction_type as no value, so the names Telegram sent are kept beside the typed view.
/// </summary>
public static class StarTransactionClassifier
{
    public static LedgerEntry Classify(JsonElement json, long botId, DateTimeOffset readAt)
    {
        var outgoing = !json.TryGetProperty("source", out var partnerJson) || partnerJson.ValueKind != JsonValueKind.Object;
        if (outgoing && (!json.TryGetProperty("receiver", out partnerJson) || partnerJson.ValueKind != JsonValueKind.Object)) partnerJson = default;
        var partnerType = String(partnerJson, "type") ?? "none";
        var transactionType = String(partnerJson, "transaction_type");
        var entry = new LedgerEntry
        {
            BotId = botId,
            TransactionId = String(json, "id") ?? "",
            Outgoing = outgoing,
            PartnerType = partnerType,
            TransactionType = transactionType,
            Amount = Long(json, "amount") ?? 0,
            NanostarAmount = Long(json, "nanostar_amount") ?? 0,
            At = DateTimeOffset.FromUnixTimeSeconds(Long(json, "date") ?? 0),
            ReadAt = readAt,
            Kind = LedgerKind.Unknown,
        };
        TransactionPartner? partner = null;
        if (partnerJson.ValueKind == JsonValueKind.Object)
        {
            try { partner = partnerJson.Deserialize<TransactionPartner>(JsonBotAPI.Options); }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException) { partner = null; }
        }
        Describe(entry, partner);
        if (partner is null) entry.Note = $"Telegram named this partner \"{partnerType}\"{(transactionType is null ? "" : $" ({transactionType})")}, which this version does not know yet.";
        return entry;
    }

    private static void Describe(LedgerEntry entry, TransactionPartner? partner)
    {
        switch (partner)
        {
            case TransactionPartnerUser user:
                entry.Kind = user.TransactionType switch
                {
                    TransactionPartnerUserTransactionType.InvoicePayment => LedgerKind.InvoicePayment,
                    TransactionPartnerUserTransactionType.PaidMediaPayment => LedgerKind.PaidMedia,
                    TransactionPartnerUserTransactionType.GiftPurchase => LedgerKind.Gift,
                    TransactionPartnerUserTransactionType.PremiumPurchase => LedgerKind.PremiumPurchase,
                    TransactionPartnerUserTransactionType.BusinessAccountTransfer => LedgerKind.BusinessTransfer,
                    _ => LedgerKind.Unknown,
                };
                Person(entry, user.User);
                entry.InvoicePayload = user.InvoicePayload ?? user.PaidMediaPayload;
                if (user.Affiliate is { } affiliate)
                    entry.Note = $"An affiliate ({Name(affiliate.AffiliateUser) ?? affiliate.AffiliateChat?.Title ?? "unknown"}) took {affiliate.CommissionPerMille / 10m}% of it: ⭐{StarMath.Format(StarMath.ToNanostars(affiliate.Amount, affiliate.NanostarAmount ?? 0))}.";
                if (user.Gift is { } gift) entry.Note = $"Gift {gift.Id} (⭐{gift.StarCount}).";
                if (user.PremiumSubscriptionDuration is { } months) entry.Note = $"Telegram Premium for {months} month(s).";
                if (entry.Kind == LedgerKind.Unknown) entry.Note = $"Telegram named this transaction type \"{entry.TransactionType}\", which this version does not know yet.";
                break;
            case TransactionPartnerAffiliateProgram program:
                entry.Kind = LedgerKind.AffiliateCommission;
                if (program.SponsorUser is { } sponsor) Person(entry, sponsor);
                else entry.Counterparty = "Affiliate program";
                entry.Note = $"Commission {program.CommissionPerMille / 10m}%.";
                break;
            case TransactionPartnerTelegramApi api:
                entry.Kind = LedgerKind.PaidBroadcast;
                entry.Counterparty = "Telegram API";
                entry.RequestCount = api.RequestCount;
                entry.Note = $"{api.RequestCount} paid request(s).";
                break;
            case TransactionPartnerFragment fragment:
                entry.Kind = LedgerKind.Withdrawal;
                entry.Counterparty = "Fragment";
                entry.Note = fragment.WithdrawalState switch
                {
                    RevenueWithdrawalStateSucceeded done => $"Withdrawal succeeded {done.Date:u}.",
                    RevenueWithdrawalStateFailed => "Withdrawal failed: Telegram returns the Stars.",
                    RevenueWithdrawalStatePending => "Withdrawal pending.",
                    _ => null,
                };
                break;
            case TransactionPartnerTelegramAds:
                entry.Kind = LedgerKind.TelegramAds;
                entry.Counterparty = "Telegram Ads";
                break;
            case TransactionPartnerChat chat:
                entry.Kind = LedgerKind.Chat;
                entry.CounterpartyId = chat.Chat.Id;
                entry.Counterparty = chat.Chat.Title ?? (chat.Chat.Username is { } u ? "@" + u : null);
                if (chat.Gift is { } chatGift) entry.Note = $"Gift {chatGift.Id} (⭐{chatGift.StarCount}).";
                break;
            case TransactionPartnerOther:
                entry.Kind = LedgerKind.Other;
                entry.Counterparty = "Telegram";
                break;
        }
    }

    private static void Person(LedgerEntry entry, User user)
    {
        entry.CounterpartyId = user.Id;
        entry.Counterparty = Name(user);
    }

    private static string? Name(User? user) => user is null ? null
        : $"{user.FirstName}{(user.LastName is { } last ? " " + last : "")}{(user.Username is { } name ? $" (@{name})" : "")}";

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
