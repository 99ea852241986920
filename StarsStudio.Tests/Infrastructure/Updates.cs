using System.Text.Json.Nodes;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>Raw Bot API updates, as Telegram sends them, for tests that inject updates.</summary>
public static class Updates
{
    public static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = $"Buyer{id}", ["username"] = $"buyer{id}" };

    public static Func<int, JsonObject> PreCheckout(long fromId, string payload, int amount, string currency = "XTR", string? queryId = null) => id => new JsonObject
    {
        ["update_id"] = id,
        ["pre_checkout_query"] = new JsonObject
        {
            ["id"] = queryId ?? $"pcq-{id}",
            ["from"] = User(fromId),
            ["currency"] = currency,
            ["total_amount"] = amount,
            ["invoice_payload"] = payload,
        },
    };

    public static Func<int, JsonObject> SuccessfulPayment(long fromId, string payload, int amount, string chargeId, string currency = "XTR") => id => new JsonObject
    {
        ["update_id"] = id,
        ["message"] = new JsonObject
        {
            ["message_id"] = id,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = fromId, ["type"] = "private", ["first_name"] = $"Buyer{fromId}" },
            ["from"] = User(fromId),
            ["successful_payment"] = new JsonObject
            {
                ["currency"] = currency,
                ["total_amount"] = amount,
                ["invoice_payload"] = payload,
                ["telegram_payment_charge_id"] = chargeId,
                ["provider_payment_charge_id"] = "prov-" + chargeId,
            },
        },
    };

    public static Func<int, JsonObject> Callback(long fromId, string data, int messageId = 1) => id => new JsonObject
    {
        ["update_id"] = id,
        ["callback_query"] = new JsonObject
        {
            ["id"] = $"cbq-{id}",
            ["from"] = User(fromId),
            ["chat_instance"] = "ci",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = fromId, ["type"] = "private" },
                ["text"] = "card",
            },
        },
    };
}
