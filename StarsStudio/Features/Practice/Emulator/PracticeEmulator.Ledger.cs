using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>The bot's Star ledger beyond payments and refunds: paid-broadcast charges, seeded kinds, the balance in nanostars.</summary>
public sealed partial class PracticeEmulator
{
    private const long NanosPerStar = 1_000_000_000;
    private const long NanosPerTenth = NanosPerStar / 10;
    /// <summary>Paid messages within this long of the first are charged as one telegram_api transaction.</summary>
    private static readonly TimeSpan BroadcastChargeWindow = TimeSpan.FromSeconds(60);

    /// <summary>One more paid-broadcast message (0.1 Star): added to the open telegram_api charge, or a new one (caller holds the gate).</summary>
    private void ChargePaidMessage(PracticeBot bot)
    {
        var now = clock.GetUtcNow();
        if (bot.OpenBroadcastCharge is not { } charge || now - charge.Date >= BroadcastChargeWindow)
        {
            charge = new PracticeTransactionRow
            {
                Seq = store.NextSeq(), BotId = bot.BotId, TransactionId = NewId("api", 32), Outgoing = true, Payload = "", Date = now,
                PartnerType = "telegram_api", TransactionType = null, RequestCount = 0,
            };
            bot.OpenBroadcastCharge = charge;
            bot.Transactions.Add(charge);
            store.Insert(charge);
        }
        charge.RequestCount = (charge.RequestCount ?? 0) + 1;
        var nanos = charge.RequestCount.Value * NanosPerTenth;
        charge.Amount = nanos / NanosPerStar;
        charge.NanostarAmount = nanos % NanosPerStar;
        store.Update(charge);
    }

    /// <summary>The balance covers a paid message (0.1 Star), counting seeded nanostars too.</summary>
    private static bool CanPayOneMessage(PracticeBot bot) => bot.Row.StarBalanceTenths * NanosPerTenth + bot.Row.StarBalanceExtraNanostars >= NanosPerTenth;

    internal PracticeTransactionRow SeedTransaction(PracticeBot bot, SeedTransaction seed)
    {
        if (string.IsNullOrWhiteSpace(seed.Partner)) throw new PracticeControlException("Say which partner the transaction is with (user, fragment, telegram_api, …).");
        if (seed.Amount < 0 || seed.NanostarAmount is < 0 or >= NanosPerStar) throw new PracticeControlException("amount is whole Stars (0 or more) and nanostarAmount 0 to 999999999.");
        var now = seed.Date ?? clock.GetUtcNow();
        var partner = new JsonObject { ["type"] = seed.Partner };
        switch (seed.Partner)
        {
            case "user":
                partner["transaction_type"] = seed.TransactionType ?? "invoice_payment";
                var userId = seed.UserId ?? 1;
                partner["user"] = bot.Buyers.TryGetValue(userId, out var buyer) ? TelegramJson.User(buyer) : new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Buyer" };
                break;
            case "telegram_api":
                partner["request_count"] = seed.RequestCount ?? 1;
                break;
            case "fragment" when seed.Outgoing:
                partner["withdrawal_state"] = new JsonObject { ["type"] = "succeeded", ["date"] = TelegramJson.Unix(now), ["url"] = "https://fragment.com/" };
                break;
            case "affiliate_program":
                partner["commission_per_mille"] = 100;
                break;
            case "chat":
                partner["chat"] = new JsonObject { ["id"] = -1001234567890, ["type"] = "channel", ["title"] = "Practice channel" };
                break;
        }
        foreach (var (key, value) in seed.Fields ?? []) partner[key] = value?.DeepClone();
        var row = new PracticeTransactionRow
        {
            Seq = store.NextSeq(), BotId = bot.BotId, TransactionId = seed.Id ?? NewId("stx", 48), Amount = seed.Amount, NanostarAmount = seed.NanostarAmount,
            Outgoing = seed.Outgoing, UserId = seed.UserId ?? 0, Payload = partner["invoice_payload"]?.ToString() ?? "", Date = now,
            PartnerType = seed.Partner, TransactionType = partner["transaction_type"]?.ToString(), RequestCount = seed.RequestCount,
            PartnerJson = partner.ToJsonString(),
        };
        var nanos = seed.Amount * NanosPerStar + seed.NanostarAmount;
        bot.Row.StarBalanceExtraNanostars += seed.Outgoing ? -nanos : nanos;
        bot.Transactions.Add(row);
        store.Insert(row);
        store.Update(bot.Row);
        return row;
    }

    /// <summary>
    /// Adds <paramref name="count"/> transactions of the bot's other income and costs at once (caller holds the gate):
    /// paid media and gifts from buyers, paid-broadcast charges, so a ledger of a million can be rehearsed without a
    /// million control calls. None is an invoice payment, so none is a sale the app should have recorded.
    /// </summary>
    internal int SeedManyTransactions(PracticeBot bot, int count, DateTimeOffset from)
    {
        var rows = new PracticeTransactionRow[count];
        long nanos = 0;
        for (var i = 0; i < count; i++)
        {
            var (partner, type, outgoing, amount, extra) = (i % 10) switch
            {
                < 6 => ("user", "paid_media_payment", false, 1 + i % 50, 0L),
                < 9 => ("user", "gift_purchase", false, 15L, 0L),
                _ => ("telegram_api", (string?)null, true, 0L, NanosPerTenth * (1 + i % 9)),
            };
            rows[i] = new PracticeTransactionRow
            {
                Seq = store.NextSeq(), BotId = bot.BotId, TransactionId = NewId("bulk", 24), Amount = amount, NanostarAmount = extra,
                Outgoing = outgoing, UserId = 1_000_000 + i % 5_000, Payload = "", Date = from.AddSeconds(i),
                PartnerType = partner, TransactionType = type, RequestCount = partner == "telegram_api" ? 1 + i % 9 : null,
            };
            var total = amount * NanosPerStar + extra;
            nanos += outgoing ? -total : total;
        }
        bot.Row.StarBalanceExtraNanostars += nanos;
        bot.Transactions.AddRange(rows);
        store.Insert(rows);
        store.Update(bot.Row);
        return count;
    }

    private static JsonObject TransactionJson(PracticeBot bot, PracticeTransactionRow t)
    {
        JsonNode partner = t.PartnerJson is { } json ? JsonNode.Parse(json)! : t.PartnerType switch
        {
            "telegram_api" => new JsonObject { ["type"] = "telegram_api", ["request_count"] = t.RequestCount ?? 0 },
            _ => new JsonObject
            {
                ["type"] = "user", ["transaction_type"] = t.TransactionType ?? "invoice_payment",
                ["user"] = bot.Buyers.TryGetValue(t.UserId, out var buyer) ? TelegramJson.User(buyer) : new JsonObject { ["id"] = t.UserId, ["is_bot"] = false, ["first_name"] = "Deleted" },
                ["invoice_payload"] = t.Payload,
            },
        };
        var transaction = new JsonObject { ["id"] = t.TransactionId, ["amount"] = t.Amount, ["date"] = TelegramJson.Unix(t.Date) };
        if (t.NanostarAmount != 0) transaction["nanostar_amount"] = t.NanostarAmount;
        transaction[t.Outgoing ? "receiver" : "source"] = partner;
        return transaction;
    }

    private static JsonNode GetMyStarBalance(PracticeBot bot)
    {
        var nanos = bot.Row.StarBalanceTenths * NanosPerTenth + bot.Row.StarBalanceExtraNanostars;
        return new JsonObject { ["amount"] = nanos / NanosPerStar, ["nanostar_amount"] = nanos % NanosPerStar };
    }
}
