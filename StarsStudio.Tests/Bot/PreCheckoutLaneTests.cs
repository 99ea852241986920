using StarsStudio.Bot;
using StarsStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace StarsStudio.Tests.Bot;

/// <summary>Pre-checkouts have their own lane: their answers never wait behind another update's work.</summary>
public sealed class PreCheckoutLaneTests
{
    private const long Payer = 7101;
    private const long NextBuyer = 7102;

    [Fact]
    public async Task PreCheckout_WhileAPaymentHandlerWaitsOnTelegram_IsAnsweredBeforeThatHandlerEnds()
    {
        await using var shop = await LocalShop.StartAsync();
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var (invoice, order) = await shop.BuyAsync(Payer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Payer, payload, 5)).Ok);
        shop.Pay(Payer, payload, 5, "lane-charge-1");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == StarsStudio.Features.Payments.OrderStatus.Delivered);
        var (nextInvoice, _) = await shop.BuyAsync(NextBuyer, action);

        // The same invoice paid again: its handler refunds the extra charge, and Telegram does not answer yet.
        var refund = shop.Api.HoldNext("refundStarPayment");
        shop.Pay(Payer, payload, 5, "lane-charge-2");
        await shop.Api.WaitForCallAsync("refundStarPayment", b => b["telegram_payment_charge_id"]?.ToString() == "lane-charge-2");

        // Another buyer's pre-checkout, polled while that payment's handler is still waiting, is answered at once.
        var answer = await shop.PreCheckoutAsync(NextBuyer, nextInvoice["payload"]!.GetValue<string>(), 5);
        Assert.True(answer.Ok, answer.Error);
        Assert.DoesNotContain(shop.Api.SentTexts(Payer), t => t.Contains("You paid twice") || t.Contains("We received your payment"));

        // The held handler still finishes: the buyer hears about the extra charge.
        refund.SetResult();
        await shop.Api.WaitForTextAsync(Payer, t => t.Contains("You paid twice") || t.Contains("We received your payment"));
    }

    [Fact]
    public async Task RunAsync_WorkThatAwaits_ContinuesOnTheLanesOwnThread()
    {
        using var lane = new PreCheckoutLane(NullLogger<PreCheckoutLane>.Instance);
        string? before = null, after = null;
        await lane.RunAsync(async () =>
        {
            before = Thread.CurrentThread.Name;
            await Task.Yield();
            after = Thread.CurrentThread.Name;
        });
        Assert.StartsWith("pre-checkout lane", before);
        Assert.StartsWith("pre-checkout lane", after);
    }

    [Fact]
    public async Task RunAsync_WorkThatThrows_CompletesAndTheLaneKeepsAnswering()
    {
        using var lane = new PreCheckoutLane(NullLogger<PreCheckoutLane>.Instance);
        await lane.RunAsync(() => throw new InvalidOperationException("a broken handler"));
        var ran = false;
        await lane.RunAsync(() => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);
    }
}
