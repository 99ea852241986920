using System.Text.Json.Nodes;

namespace StarsStudio.Rehearsal;

/// <summary>Generates the bad-input drill's updates: each index gives one kind, round-robin.</summary>
public sealed class BadUpdates(long victim, long attacker, string realPayload, string realChargeId)
{
    private static readonly string[] Kinds =
    [
        "forged pre-checkout", "wrong-user pre-checkout", "wrong-amount pre-checkout", "oversize pre-checkout",
        "forged payment", "replayed payment", "wrong-user payment", "text without command", "message without text",
        "garbage callback", "oversize text", "not an update",
    ];

    public (string Kind, string Json) Make(int i)
    {
        var kind = Kinds[i % Kinds.Length];
        var id = 1_000_000 + i;
        JsonNode update = kind switch
        {
            "forged pre-checkout" => PreCheckout(id, attacker, Forge(i), 5),
            "wrong-user pre-checkout" => PreCheckout(id, attacker, realPayload, 5),
            "wrong-amount pre-checkout" => PreCheckout(id, victim, realPayload, 1),
            "oversize pre-checkout" => PreCheckout(id, attacker, "o1." + new string('x', 400 + i % 200), 5),
            "forged payment" => Payment(id, attacker, Forge(i), $"forged-{i}"),
            "replayed payment" => Payment(id, victim, realPayload, realChargeId),
            "wrong-user payment" => Payment(id, attacker, realPayload, $"stolen-{i}"),
            "text without command" => Message(id, attacker, new JsonObject { ["text"] = "hello " + i }),
            "message without text" => Message(id, attacker, new JsonObject { ["sticker"] = new JsonObject { ["file_id"] = "x", ["file_unique_id"] = "y", ["type"] = "regular", ["width"] = 1, ["height"] = 1, ["is_animated"] = false, ["is_video"] = false } }),
            "garbage callback" => new JsonObject { ["update_id"] = id, ["callback_query"] = new JsonObject { ["id"] = $"cb{i}", ["from"] = User(attacker), ["chat_instance"] = "x", ["data"] = i % 2 == 0 ? "buy:not-a-number" : "dl:-1" } },
            "oversize text" => Message(id, attacker, new JsonObject { ["text"] = "/start " + new string('a', 5000) }),
            _ => new JsonObject { ["update_id"] = id, ["mystery"] = new JsonArray(1, 2, 3) },
        };
        return (kind, update.ToJsonString());
    }

    private static string Forge(int i) => $"o{1 + i % 50}.{Convert.ToBase64String(BitConverter.GetBytes(i * 7919L)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}AAAAAAAA";

    private static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "X" };

    private static JsonObject PreCheckout(int id, long from, string payload, int amount) => new()
    {
        ["update_id"] = id,
        ["pre_checkout_query"] = new JsonObject { ["id"] = $"bad-{id}", ["from"] = User(from), ["currency"] = "XTR", ["total_amount"] = amount, ["invoice_payload"] = payload },
    };

    private static JsonObject Payment(int id, long from, string payload, string charge) => Message(id, from, new JsonObject
    {
        ["successful_payment"] = new JsonObject
        {
            ["currency"] = "XTR", ["total_amount"] = 5, ["invoice_payload"] = payload,
            ["telegram_payment_charge_id"] = charge, ["provider_payment_charge_id"] = "p-" + charge,
        },
    });

    private static JsonObject Message(int id, long from, JsonObject content)
    {
        var message = new JsonObject
        {
            ["message_id"] = id, ["date"] = 1_790_000_000,
            ["chat"] = new JsonObject { ["id"] = from, ["type"] = "private" }, ["from"] = User(from),
        };
        foreach (var (key, value) in content) message[key] = value?.DeepClone();
        return new JsonObject { ["update_id"] = id, ["message"] = message };
    }
}
