using StarsStudio.Features.Payments.Lifecycle;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Redeliver, mark resolved, refunds Telegram refuses, and unmatched payments: each audited with who and why.</summary>
public sealed class SupportActionsTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const long Buyer = 7171;
    private const string Staff = "support@test.local";

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task Redeliver_FailedDelivery_DeliversAgainAndAudits()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, order.Stars)).Ok);
        shop.Api.FailMethod("sendMessage", "blocked");
        shop.Pay(Buyer, payload, order.Stars, "charge-redeliver");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);
        var needing = await shop.App.Service<OrderQuery>().PageAsync(new OrderFilter { NeedsAttention = true }, TimeZoneInfo.Utc, 0, 10);
        Assert.Equal(order.Id, Assert.Single(needing.Rows).Id);

        var result = await shop.App.Service<OrderSupportService>().RedeliverAsync(order.Id, Staff, "buyer unblocked the bot");

        Assert.True(result.Succeeded, result.Message);
        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.RedeliveryRequested && e.ActorName == Staff && e.Detail.Contains("buyer unblocked"));
        await using var db = await shop.App.DbAsync();
        Assert.Contains(await db.DeliveryJobs.Where(j => j.OrderId == order.Id).ToListAsync(), j => j.Reason == Staff);
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Actor == Staff && a.Detail.Contains(order.Code) && a.Detail.Contains("buyer unblocked"));
    }

    [Fact]
    public async Task MarkResolved_FailedDelivery_LeavesNeedsAttention()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, order.Stars)).Ok);
        shop.Api.FailMethod("sendMessage", "blocked");
        shop.Pay(Buyer, payload, order.Stars, "charge-resolve");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);

        var result = await shop.App.Service<OrderSupportService>().MarkResolvedAsync(order.Id, Staff, "sent the checklist by e-mail");

        Assert.True(result.Succeeded);
        var after = await shop.OrderAsync(order.Id);
        Assert.True(after.Resolved);
        Assert.Equal("paid, failed — resolved by support", after.Describe());
        Assert.Empty((await shop.App.Service<OrderQuery>().PageAsync(new OrderFilter { NeedsAttention = true }, TimeZoneInfo.Utc, 0, 10)).Rows);
        Assert.Empty(await shop.App.Service<SupportQueues>().FailedDeliveriesAsync());
    }

    [Fact]
    public async Task RefundOrder_TelegramFails_NothingChangesAndRetryRefundsOnce()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(amount: 10));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-retry");
        shop.Api.FailMethod("refundStarPayment", "500");
        var refunds = shop.App.Service<RefundService>();

        var failed = await refunds.RefundOrderAsync(order.Id, Staff, "asked", false);

        Assert.Equal(RefundOutcome.TelegramRefused, failed.Outcome);
        Assert.Equal(OrderStatus.Delivered, (await shop.OrderAsync(order.Id)).Status);
        await using (var db = await shop.App.DbAsync())
            Assert.Null((await db.CreditGrants.SingleAsync(g => g.OrderId == order.Id)).RevokedAt);

        var retried = await refunds.RefundOrderAsync(order.Id, Staff, "asked", false);
        Assert.Equal(RefundOutcome.Refunded, retried.Outcome);
        Assert.Equal(OrderStatus.Refunded, (await shop.OrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task RefundPayment_Unmatched_RefundsOnceAndLeavesInbox()
    {
        shop.Pay(Buyer, "not-our-payload", 9, "charge-stray");
        var stray = await SupportShop.EventuallyAsync(() => shop.App.Service<SupportQueues>().UnmatchedPaymentsAsync(), l => l.Count == 1, "the unmatched payment");
        Assert.Equal(PaymentMatch.Unmatched, stray[0].Match);

        var refunds = shop.App.Service<RefundService>();
        var first = await refunds.RefundPaymentAsync(stray[0].Id, Staff, "not ours");
        var second = await refunds.RefundPaymentAsync(stray[0].Id, Staff, "not ours");

        Assert.Equal(RefundOutcome.Refunded, first.Outcome);
        Assert.Equal(RefundOutcome.AlreadyRefunded, second.Outcome);
        var call = Assert.Single(shop.Api.CallsOf("refundStarPayment"));
        Assert.Equal("charge-stray", call["telegram_payment_charge_id"]!.ToString());
        Assert.Empty(await shop.App.Service<SupportQueues>().UnmatchedPaymentsAsync());
    }
}
