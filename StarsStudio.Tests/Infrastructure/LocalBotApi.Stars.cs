using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// The bot's Star account for refund, reconciliation and ledger tests: a transaction list that getStarTransactions
/// pages through (offset/limit, as Telegram, oldest first) with every partner kind, refundStarPayment that refunds
/// once (a refund reuses the payment's id) and then answers CHARGE_ALREADY_REFUNDED, and getMyStarBalance.
/// </summary>
public sealed partial class LocalBotApi
{
    private readonly List<JsonObject> starTransactions = [];
    private readonly HashSet<string> refundedCharges = [];
    private readonly Lock starsGate = new();

    /// <summary>getStarTransactions lists the newest first (the order the Bot API docs do not promise either way).</summary>
    public bool ListNewestFirst { get; set; }

    /// <summary>How long refundStarPayment takes to answer, to widen the window for concurrency tests.</summary>
    public TimeSpan RefundDelay { get; set; } = TimeSpan.Zero;

    /// <summary>An incoming payment Telegram knows about (what a successful_payment also produces).</summary>
    public void AddStarPayment(long userId, string chargeId, int amount, string payload, DateTimeOffset? at = null)
    {
        lock (starsGate)
            starTransactions.Add(new JsonObject
            {
                ["id"] = chargeId, ["amount"] = amount, ["date"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
                ["source"] = new JsonObject
                {
                    ["type"] = "user", ["transaction_type"] = "invoice_payment", ["user"] = Updates.User(userId), ["invoice_payload"] = payload,
                },
            });
    }

    /// <summary>A refund Telegram made (e.g. from another tool), without the app asking.</summary>
    public void AddStarRefund(long userId, string chargeId, int amount)
    {
        lock (starsGate)
        {
            refundedCharges.Add(chargeId);
            starTransactions.Add(RefundTransaction(userId, chargeId, amount));
        }
    }

    /// <summary>
    /// Any Star transaction: <paramref name="partner"/> is the partner object as Telegram sends it (its "type" decides
    /// the kind), with whole Stars and nanostars.
    /// </summary>
    public void AddStarTransaction(string id, JsonObject partner, long amount, long nanostars = 0, bool outgoing = false, DateTimeOffset? at = null)
    {
        var tx = new JsonObject { ["id"] = id, ["amount"] = amount, ["date"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() };
        if (nanostars != 0) tx["nanostar_amount"] = nanostars;
        tx[outgoing ? "receiver" : "source"] = partner;
        lock (starsGate) starTransactions.Add(tx);
    }

    /// <summary>A user partner of one transaction_type (paid_media_payment, gift_purchase, …).</summary>
    public static JsonObject UserPartner(long userId, string transactionType, string? payload = null)
    {
        var partner = new JsonObject { ["type"] = "user", ["transaction_type"] = transactionType, ["user"] = Updates.User(userId) };
        if (payload is not null) partner["invoice_payload"] = payload;
        return partner;
    }

    /// <summary>What getMyStarBalance answers, in nanostars; null = the sum of the listed transactions (in minus out).</summary>
    public long? StarBalanceNanostars { get; set; }

    private long ListedBalance()
    {
        lock (starsGate)
            return starTransactions.Sum(t => (t["source"] is null ? -1 : 1) * (long.Parse(t["amount"]!.ToString()) * 1_000_000_000 + long.Parse(t["nanostar_amount"]?.ToString() ?? "0")));
    }

    public int StarTransactionCount { get { lock (starsGate) return starTransactions.Count; } }

    private static JsonObject RefundTransaction(long userId, string chargeId, int amount) => new()
    {
        ["id"] = chargeId, ["amount"] = amount, ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["receiver"] = new JsonObject { ["type"] = "user", ["transaction_type"] = "invoice_payment", ["user"] = Updates.User(userId) },
    };

    private async Task<IResult?> StarsAnswerAsync(string method, JsonObject body)
    {
        switch (method)
        {
            case "refundStarPayment":
            {
                if (RefundDelay > TimeSpan.Zero) await Task.Delay(RefundDelay);
                var charge = body["telegram_payment_charge_id"]?.ToString() ?? "";
                var user = long.Parse(body["user_id"]!.ToString());
                if (charge.Length == 0) return Error(400, "Bad Request: CHARGE_ID_EMPTY");
                lock (starsGate)
                {
                    if (!refundedCharges.Add(charge)) return Error(400, "Bad Request: CHARGE_ALREADY_REFUNDED");
                    var paid = starTransactions.FirstOrDefault(t => t["id"]!.ToString() == charge && t["source"] is not null);
                    starTransactions.Add(RefundTransaction(user, charge, paid?["amount"]?.GetValue<int>() ?? 0));
                }
                return Ok(JsonValue.Create(true));
            }
            case "getStarTransactions":
            {
                var offset = body["offset"]?.GetValue<int>() ?? 0;
                var limit = body["limit"]?.GetValue<int>() ?? 100;
                if (limit is < 1 or > 100) return Error(400, "Bad Request: limit must be between 1 and 100");
                JsonArray page;
                lock (starsGate) page = [.. (ListNewestFirst ? Enumerable.Reverse(starTransactions) : starTransactions).Skip(offset).Take(limit).Select(t => t.DeepClone())];
                return Ok(new JsonObject { ["transactions"] = page });
            }
            case "getMyStarBalance":
            {
                var nanos = StarBalanceNanostars ?? ListedBalance();
                return Ok(new JsonObject { ["amount"] = nanos / 1_000_000_000, ["nanostar_amount"] = nanos % 1_000_000_000 });
            }
            default:
                return null;
        }
    }

    private static IResult Error(int code, string description) =>
        Results.Json(new { ok = false, error_code = code, description }, statusCode: code);
}
