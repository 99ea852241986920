using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Payments;

/// <summary>Replayed and duplicated payment updates: one payment, one delivery, one grant — never lost.</summary>
/// <remarks>
/// One shop for the class; each test has its own buyer and action, and counts rows against what was there when it
/// began (the same "exactly one" as on an empty database, since the class's tests run one at a time).
/// </remarks>
public sealed class ExactlyOnceTests(SharedShop shared) : IClassFixture<SharedShop>
{
    private LocalShop shop = shared.Shop;
    private readonly long Buyer = SharedShop.NewBuyer();

    private async Task<(string Payload, Order Order)> ApprovedOrderAsync(int amount = 50)
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("credits"), price: 5, amount: amount));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, 5)).Ok);
        return (payload, order);
    }

    /// <summary>Every update sent so far has been handled: what has not happened by now will not.</summary>
    private Task SettleAsync() => shop.SettleAsync();

    private sealed record Rows(int Payments, int DeliveryJobs, int CreditGrants);

    /// <summary>Rows in the shop once earlier work has settled.</summary>
    private async Task<Rows> RowsAsync()
    {
        await shop.SettleAsync();
        await using var db = await shop.App.DbAsync();
        return new(await db.Payments.CountAsync(), await db.DeliveryJobs.CountAsync(), await db.CreditGrants.CountAsync());
    }

    [Fact]
    public async Task SuccessfulPayment_SameUpdateDeliveredThreeTimes_OneDeliveryOneGrant()
    {
        var before = await RowsAsync();
        var (payload, order) = await ApprovedOrderAsync();
        var updateId = shop.Pay(Buyer, payload, 5, "charge-triple");
        shop.Pay(Buyer, payload, 5, "charge-triple", updateId);
        shop.Pay(Buyer, payload, 5, "charge-triple", updateId);

        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        // Redeliver after processing too, as Telegram may after a lost confirmation.
        shop.Pay(Buyer, payload, 5, "charge-triple", updateId);
        await SettleAsync();

        await using var db = await shop.App.DbAsync();
        Assert.Equal(1, await db.Payments.CountAsync() - before.Payments);
        Assert.Equal(1, await db.DeliveryJobs.CountAsync() - before.DeliveryJobs);
        Assert.Equal(1, await db.CreditGrants.CountAsync() - before.CreditGrants);
        Assert.Equal(50, (await db.CreditGrants.OrderBy(g => g.Id).LastAsync()).Amount);
        Assert.Single(shop.Api.SentTexts(Buyer), t => t.Contains("credits added"));
        Assert.Single(shop.Api.SentTexts(Buyer), t => t.Contains("Receipt"));
    }

    [Fact]
    public async Task SuccessfulPayment_SameChargeInTwoDifferentUpdates_OneDeliveryOneGrant()
    {
        var before = await RowsAsync();
        var (payload, order) = await ApprovedOrderAsync();
        shop.Pay(Buyer, payload, 5, "charge-twice");
        shop.Pay(Buyer, payload, 5, "charge-twice");

        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        await SettleAsync();

        await using var db = await shop.App.DbAsync();
        Assert.Equal(1, await db.Payments.CountAsync() - before.Payments);
        Assert.Equal(1, await db.CreditGrants.CountAsync() - before.CreditGrants);
        Assert.Equal(50, await shop.App.Service<CreditLedger>().BalanceAsync(LocalBotApiId, Buyer, default));
    }

    [Fact]
    public async Task SuccessfulPayment_SecondChargeWithAutomaticRefundOff_KeptForSupportAndBuyerTold()
    {
        // Other settings: a shop of its own.
        await using var own = await LocalShop.StartAsync(configure: app => app.With("Payments:RefundDuplicatePayments", "false"));
        shop = own;
        var (payload, order) = await ApprovedOrderAsync();
        shop.Pay(Buyer, payload, 5, "charge-first");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        shop.Pay(Buyer, payload, 5, "charge-second");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("does not match an open order"));

        await using var db = await shop.App.DbAsync();
        var second = await db.Payments.SingleAsync(p => p.ChargeId == "charge-second");
        Assert.Equal(PaymentMatch.SecondPayment, second.Match);
        Assert.Equal(order.Id, second.OrderId);
        Assert.Equal(1, await db.CreditGrants.CountAsync());
        Assert.Equal("charge-first", (await db.Orders.SingleAsync(o => o.Id == order.Id)).ChargeId);
        Assert.Empty(shop.Api.CallsOf("refundStarPayment"));
        Assert.Null(second.RefundedAt);
    }

    [Fact]
    public async Task SuccessfulPayment_PayloadOfNoOrder_StoredAsUnmatchedNeverDropped()
    {
        var before = await RowsAsync();
        shop.Pay(Buyer, "o999999.forgedmac", 25, "charge-orphan");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("does not match an open order"));

        await using var db = await shop.App.DbAsync();
        Assert.Equal(1, await db.Payments.CountAsync() - before.Payments);
        var payment = await db.Payments.OrderBy(p => p.Id).LastAsync();
        Assert.Equal(PaymentMatch.Unmatched, payment.Match);
        Assert.Equal(25, payment.TotalAmount);
        Assert.Equal("charge-orphan", payment.ChargeId);
        Assert.Equal(before.DeliveryJobs, await db.DeliveryJobs.CountAsync());
    }

    [Fact]
    public async Task SuccessfulPayment_ManyDuplicatesAtOnce_ExactlyOneRecord()
    {
        var before = await RowsAsync();
        var (payload, order) = await ApprovedOrderAsync();
        var id = shop.Pay(Buyer, payload, 5, "charge-burst");
        for (var i = 0; i < 5; i++)
        {
            shop.Pay(Buyer, payload, 5, "charge-burst", id);
            shop.Pay(Buyer, payload, 5, "charge-burst");
        }
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        await SettleAsync();

        await using var db = await shop.App.DbAsync();
        Assert.Equal(1, await db.Payments.CountAsync() - before.Payments);
        Assert.Equal(1, await db.CreditGrants.CountAsync() - before.CreditGrants);
        Assert.Single(shop.Api.SentTexts(Buyer), t => t.Contains("Receipt"));
    }

    [Fact]
    public async Task SuccessfulPayment_OrderPaidElsewhereSinceItsApproval_RecordedAsSecondPaymentNotDeliveredAgain()
    {
        var before = await RowsAsync();
        var (payload, order) = await ApprovedOrderAsync();
        // Between the approval here and this payment, another instance recorded a different charge for the order: the
        // copy pre-checkout kept still says Approved, and only the database knows better.
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Delivered).SetProperty(o => o.ChargeId, "charge-elsewhere"));

        shop.Pay(Buyer, payload, 5, "charge-late");
        await shop.Api.WaitForCallAsync("refundStarPayment", b => b["telegram_payment_charge_id"]!.ToString() == "charge-late");
        await SettleAsync();

        await using var after = await shop.App.DbAsync();
        var late = await after.Payments.SingleAsync(p => p.ChargeId == "charge-late");
        Assert.Equal((PaymentMatch.SecondPayment, order.Id), (late.Match, late.OrderId));
        var stored = await after.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal((OrderStatus.Delivered, "charge-elsewhere"), (stored.Status, stored.ChargeId));
        Assert.Equal(before.DeliveryJobs, await after.DeliveryJobs.CountAsync());
        Assert.Equal(before.CreditGrants, await after.CreditGrants.CountAsync());
    }

    private static long LocalBotApiId => long.Parse(LocalBotApi.Token.Split(':')[0]);
}
