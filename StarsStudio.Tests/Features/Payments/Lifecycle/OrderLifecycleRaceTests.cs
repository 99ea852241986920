using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Payments.Lifecycle;

/// <summary>
/// The money-path races a launch rehearsal and a code review found, each through the real app, real SQLite and the
/// real Telegram.Bot client over HTTP. Every one failed before the lifecycle became the one home of order state.
/// </summary>
public sealed class OrderLifecycleRaceTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const long Buyer = 7101;
    private const string Staff = "support@test.local";

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync(configure: app => app.With("Telegram:RequestTimeoutSeconds", "30"));
    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task Buy_BuyerPaysBeforeSendInvoiceReturns_NoErrorPaidThenDeliveredWithFullTimeline()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var release = shop.Api.HoldNext("sendInvoice");
        shop.Api.Enqueue(Updates.Callback(Buyer, $"buy:{action.Id}"));
        // Telegram has shown the invoice (the call arrived) but the bot has not heard back yet.
        var call = await shop.Api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == Buyer.ToString());
        var payload = call["payload"]!.GetValue<string>();
        Assert.True(InvoicePayloadSigner.TryReadOrderId(payload, out var orderId));

        var answer = await shop.PreCheckoutAsync(Buyer, payload, 5);
        Assert.True(answer.Ok, answer.Error);
        shop.Pay(Buyer, payload, 5, "charge-early");
        await shop.WaitForOrderAsync(orderId, o => o.Status is OrderStatus.Paid or OrderStatus.Delivering or OrderStatus.Delivered);
        release.SetResult();

        var order = await shop.WaitForOrderAsync(orderId, o => o.Status == OrderStatus.Delivered && o.Timeline().Any(e => e.Kind == OrderEventKind.InvoiceSent));
        Assert.NotNull(order.InvoiceMessageId);
        var kinds = order.Timeline().Select(e => e.Kind).ToList();
        foreach (var kind in new[] { OrderEventKind.Created, OrderEventKind.InvoiceSent, OrderEventKind.PreCheckoutApproved, OrderEventKind.Paid, OrderEventKind.Delivered })
            Assert.Contains(kind, kinds);
        Assert.Equal(50, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
    }

    [Fact]
    public async Task Refund_CommitsWhileDeliveryIsSending_OrderStaysRefundedJobEndsNoCreditsLeft()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, 5)).Ok);
        // The delivery grants, then its "credits added" message hangs: staff refund in that moment.
        var release = shop.Api.HoldNext("sendMessage");
        shop.Pay(Buyer, payload, 5, "charge-mid-delivery");
        await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == Buyer.ToString() && b["text"]!.ToString().Contains("credits added"));

        var refund = await shop.App.Service<RefundService>().RefundOrderAsync(order.Id, Staff, "changed mind", acceptShortfall: true);
        Assert.Equal(RefundOutcome.Refunded, refund.Outcome);
        release.SetResult();

        await using var db = await shop.App.DbAsync();
        var job = await SupportShop.EventuallyAsync(() => db.DeliveryJobs.AsNoTracking().SingleAsync(j => j.OrderId == order.Id), j => j.Status == JobStatus.Done, "the job to end");
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Contains(after.Timeline(), e => e.Kind == OrderEventKind.Refunded && e.ActorName == Staff);
        Assert.DoesNotContain(after.Timeline(), e => e.Kind == OrderEventKind.Delivered);
        Assert.Equal(0, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
        Assert.Single(await db.AuditEntries.Where(a => a.Area == "refund").ToListAsync());
        Assert.NotNull((await db.Payments.SingleAsync(p => p.ChargeId == "charge-mid-delivery")).RefundedAt);
    }

    [Fact]
    public async Task DeliveryAttempt_AfterARefundCommitted_GrantsNothing()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Command(uses: 3));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-late-grant");
        Assert.Equal(RefundOutcome.Refunded, (await shop.App.Service<RefundService>().RefundOrderAsync(order.Id, Staff, "refund first", true)).Outcome);

        // A redelivery queued before the refund reaches the worker only now: its attempt, where the grant is made,
        // must not start.
        long jobId;
        await using (var db = await shop.App.DbAsync())
        {
            var job = new DeliveryJob { OrderId = order.Id, BotId = order.BotId, Status = JobStatus.Pending, NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1), CreatedAt = DateTimeOffset.UtcNow, Reason = "redeliver" };
            db.DeliveryJobs.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        }
        shop.App.Service<DeliverySignal>().Wake();

        await using var check = await shop.App.DbAsync();
        var ended = await SupportShop.EventuallyAsync(() => check.DeliveryJobs.AsNoTracking().SingleAsync(j => j.Id == jobId), j => j.Status == JobStatus.Done, "the late job to end");
        Assert.Contains("refunded", ended.LastError);
        var entitlement = await check.CommandEntitlements.AsNoTracking().SingleAsync(e => e.OrderId == order.Id);
        Assert.Equal(0, entitlement.UsesLeft);
        Assert.Equal(OrderStatus.Refunded, (await shop.OrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task DeliveryBatch_OneJobThrows_OtherOrdersStillDeliveredAndTheBadJobIsGivenBack()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        await using (var db = await shop.App.DbAsync())
        {
            // A job whose order does not exist: reading it throws inside the worker.
            db.DeliveryJobs.Add(new DeliveryJob { OrderId = 987654, BotId = BotId, Status = JobStatus.Pending, NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1), CreatedAt = DateTimeOffset.UtcNow, Reason = "test" });
            await db.SaveChangesAsync();
        }
        var first = shop.DeliveredOrderAsync(Buyer, action, "charge-a");
        var second = shop.DeliveredOrderAsync(Buyer + 1, action, "charge-b");
        var delivered = await Task.WhenAll(first, second);

        Assert.All(delivered, o => Assert.Equal(OrderStatus.Delivered, o.Status));
        await using var check = await shop.App.DbAsync();
        var bad = await SupportShop.EventuallyAsync(() => check.DeliveryJobs.AsNoTracking().SingleAsync(j => j.OrderId == 987654), j => j.LastError is not null, "the bad job to be given back");
        Assert.NotEqual(JobStatus.Running, bad.Status);
    }

    [Fact]
    public async Task DeliveryJob_RunningWithExpiredLease_IsTakenOverWithoutARestart()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-lease");
        var receiptsBefore = shop.Api.SentTexts(Buyer).Count(t => t.Contains("Receipt"));
        await using (var db = await shop.App.DbAsync())
        {
            // A worker claimed a redelivery and died (or hung) two minutes ago.
            db.DeliveryJobs.Add(new DeliveryJob
            {
                OrderId = order.Id, BotId = order.BotId, Status = JobStatus.Running, ClaimToken = Guid.NewGuid(), LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1),
                NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-2), CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-2), Reason = "dead worker",
            });
            await db.SaveChangesAsync();
        }
        shop.App.Service<DeliverySignal>().Wake();

        await shop.Api.WaitForTextAsync(Buyer, _ => shop.Api.SentTexts(Buyer).Count(t => t.Contains("Receipt")) > receiptsBefore);
        await using var check = await shop.App.DbAsync();
        var job = await SupportShop.EventuallyAsync(() => check.DeliveryJobs.AsNoTracking().SingleAsync(j => j.Reason == "dead worker"), j => j.Status == JobStatus.Done, "the job to finish");
        Assert.Null(job.ClaimToken);
        Assert.Equal(OrderStatus.Delivered, (await shop.OrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Limits_ApprovedButUnpaidPastTheWindow_HoldReleasedLatePaymentStillDeliveredAndFlagged()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text(), f => { f.StockLimit = 1; f.PerBuyerLimit = 1; });
        var (firstInvoice, first) = await shop.BuyAsync(Buyer, action);
        var firstPayload = firstInvoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, firstPayload, first.Stars)).Ok);

        // Held: the buyer is paying (not "already own it"), everyone else sees it sold out.
        var before = shop.Api.SentTexts(Buyer).Count();
        shop.Api.Enqueue(Updates.Callback(Buyer, $"buy:{action.Id}"));
        Assert.Contains("already paying", await shop.Api.WaitForTextAsync(Buyer, t => shop.Api.SentTexts(Buyer).Skip(before).Contains(t)));
        shop.Api.Enqueue(Updates.Callback(Buyer + 1, $"buy:{action.Id}"));
        Assert.Contains("sold out", await shop.Api.WaitForTextAsync(Buyer + 1, _ => true));

        // The approval lapses (as if ten minutes passed) and housekeeping releases it.
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovedAt, DateTimeOffset.UtcNow.AddMinutes(-11)));
        Assert.Equal(1, await shop.App.Service<OrderExpiryWorker>().ReleaseLapsedHoldsAsync(default));
        Assert.Contains((await shop.OrderAsync(first.Id)).Timeline(), e => e.Kind == OrderEventKind.HoldReleased);

        var second = await shop.DeliveredOrderAsync(Buyer + 1, action, "charge-second-buyer");
        Assert.Equal(OrderStatus.Delivered, second.Status);

        // The first buyer's payment arrives after all: recorded, delivered, flagged for support.
        shop.Pay(Buyer, firstPayload, first.Stars, "charge-late");
        var late = await shop.WaitForOrderAsync(first.Id, o => o.Status == OrderStatus.Delivered);
        Assert.Equal("charge-late", late.ChargeId);
        Assert.Contains(late.Timeline(), e => e.Kind == OrderEventKind.Oversold);
        Assert.Contains("stock", late.Problem);
    }

    [Fact]
    public async Task Limits_TenBuyersApprovedAtOnceForThreeLeft_ExactlyThreeApproved()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text(), f => f.StockLimit = 3);
        var invoices = new List<(long Buyer, string Payload, int Stars)>();
        for (var i = 0; i < 10; i++)
        {
            var (invoice, order) = await shop.BuyAsync(Buyer + 10 + i, action);
            invoices.Add((Buyer + 10 + i, invoice["payload"]!.GetValue<string>(), order.Stars));
        }

        var answers = await Task.WhenAll(invoices.Select(i => shop.PreCheckoutAsync(i.Buyer, i.Payload, i.Stars)));

        Assert.Equal(3, answers.Count(a => a.Ok));
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Contains("sold out", a.Error));
        await using var db = await shop.App.DbAsync();
        Assert.Equal(3, await db.Orders.CountAsync(o => o.Status == OrderStatus.Approved));
    }

    [Fact]
    public async Task SecondPayment_OfAPaidOrder_RefundedAutomaticallyBuyerToldAudited()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-one");
        var payload = shop.Api.CallsOf("sendInvoice").Last()["payload"]!.GetValue<string>();

        shop.Pay(Buyer, payload, 5, "charge-two");
        var told = await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("paid twice"));
        Assert.Contains(order.Code, told);

        var refund = Assert.Single(shop.Api.CallsOf("refundStarPayment"));
        Assert.Equal("charge-two", refund["telegram_payment_charge_id"]!.ToString());
        await using var db = await shop.App.DbAsync();
        var extra = await db.Payments.SingleAsync(p => p.ChargeId == "charge-two");
        Assert.Equal(PaymentMatch.SecondPayment, extra.Match);
        Assert.NotNull(extra.RefundedAt);
        Assert.True(extra.Resolved);
        Assert.Null((await db.Payments.SingleAsync(p => p.ChargeId == "charge-one")).RefundedAt);
        Assert.Contains(await db.AuditEntries.Where(a => a.Area == "refund").Select(a => a.Detail).ToListAsync(), d => d.Contains("charge-two"));
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Delivered, after.Status);
        Assert.Contains(after.Timeline(), e => e.Kind == OrderEventKind.ExtraPaymentRefunded);
        Assert.Equal(50, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
    }

    [Fact]
    public async Task PreCheckout_ForAPaidOrder_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-paid");
        var payload = shop.Api.CallsOf("sendInvoice").Last()["payload"]!.GetValue<string>();

        var answer = await shop.PreCheckoutAsync(Buyer, payload, order.Stars);

        Assert.False(answer.Ok);
        Assert.Contains("already paid", answer.Error);
    }

    [Fact]
    public async Task Transition_FromAStateThatDoesNotAllowIt_RefusedAndNothingWritten()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-refuse");
        var lifecycle = shop.App.Service<OrderLifecycle>();

        var outcome = await lifecycle.InTransactionAsync(db => lifecycle.ApplyAsync(db, order.Id, OrderTransitions.Approve,
            new OrderChange(DateTimeOffset.UtcNow, EventActor.Bot, "should not happen"), default), default);

        Assert.False(outcome.Applied);
        Assert.Equal(OrderStatus.Delivered, outcome.Status);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Delivered, after.Status);
        Assert.DoesNotContain(after.Timeline(), e => e.Detail == "should not happen");
    }

    [Fact]
    public async Task DeliveryJob_OfAnotherBot_WaitsAndNeverGoesOutThroughTheRunningBot()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var foreign = await shop.DeliveredOrderAsync(Buyer, action, "charge-foreign");
        const long OtherBot = 424242;
        await using (var db = await shop.App.DbAsync())
        {
            // The order was taken by another bot (practice, say) and a redelivery of it is queued.
            await db.Orders.Where(o => o.Id == foreign.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.BotId, OtherBot));
            db.DeliveryJobs.Add(new DeliveryJob { OrderId = foreign.Id, BotId = OtherBot, Status = JobStatus.Pending, NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1), CreatedAt = DateTimeOffset.UtcNow, Reason = "other bot" });
            await db.SaveChangesAsync();
        }
        var receiptsBefore = shop.Api.SentTexts(Buyer).Count(t => t.Contains("Receipt"));

        // The worker has run since: it delivered the running bot's order.
        await shop.DeliveredOrderAsync(Buyer + 1, action, "charge-own");

        await using var check = await shop.App.DbAsync();
        Assert.Equal(JobStatus.Pending, (await check.DeliveryJobs.SingleAsync(j => j.Reason == "other bot")).Status);
        Assert.Equal(receiptsBefore, shop.Api.SentTexts(Buyer).Count(t => t.Contains("Receipt")));
        var details = await shop.App.Service<OrderSupportService>().DetailsAsync(foreign.Id);
        Assert.Contains("waits for the bot that took this payment", details!.DeliveryWaiting);
    }

    private static long BotId => long.Parse(LocalBotApi.Token.Split(':')[0]);
}
