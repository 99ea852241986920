using System.Text.Json.Nodes;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>Shortcuts for support tests: a delivered order whose payment Telegram also lists, and refunded_payment updates.</summary>
public static class SupportShop
{
    /// <summary>Buy → pre-checkout → pay (Telegram's ledger gets the charge too, unless told not to) → delivered.</summary>
    public static async Task<Order> DeliveredOrderAsync(this LocalShop shop, long buyerId, PaidAction action, string chargeId, bool telegramLists = true)
    {
        var (invoice, order) = await shop.BuyAsync(buyerId, action);
        var payload = invoice["payload"]!.GetValue<string>();
        var answer = await shop.PreCheckoutAsync(buyerId, payload, order.Stars);
        Assert.True(answer.Ok, answer.Error);
        if (telegramLists) shop.Api.AddStarPayment(buyerId, chargeId, order.Stars, payload);
        shop.Pay(buyerId, payload, order.Stars, chargeId);
        return await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
    }

    /// <summary>Telegram's refunded_payment service message: in the buyer's chat, but `from` is the bot.</summary>
    public static Func<int, JsonObject> RefundedPayment(long chatId, string payload, int amount, string chargeId) => id => new JsonObject
    {
        ["update_id"] = id,
        ["message"] = new JsonObject
        {
            ["message_id"] = id,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = $"Buyer{chatId}" },
            ["from"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Local", ["username"] = "local_test_bot" },
            ["refunded_payment"] = new JsonObject
            {
                ["currency"] = "XTR", ["total_amount"] = amount, ["invoice_payload"] = payload, ["telegram_payment_charge_id"] = chargeId,
            },
        },
    };

    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> until, string what, int seconds = Eventually.DefaultSeconds) =>
        Eventually.GetAsync(read, until, _ => $"timed out waiting for {what}", seconds);
}
