using StarsStudio.Features.Payments.Lifecycle;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Refunds through the real app and refundStarPayment over HTTP: once, reversing what was delivered.</summary>
/// <remarks>
/// One shop for the class (xunit runs its tests one at a time); each test has its own buyer and action, and counts
/// refund calls and audit entries from where it began.
/// </remarks>
public sealed class RefundTests : IClassFixture<SharedShop>
{
    private readonly LocalShop shop;
    private readonly long Buyer = SharedShop.NewBuyer();
    private readonly string slug = SharedShop.NewSlug("refund");
    private const string Staff = "support@test.local";
    private readonly int refundCallsBefore;

    public RefundTests(SharedShop shared)
    {
        shop = shared.Shop;
        shop.Api.RefundDelay = TimeSpan.Zero; // one test widens the race window; the others answer at once
        refundCallsBefore = shop.Api.CallsOf("refundStarPayment").Count();
    }

    private RefundService Refunds => shop.App.Service<RefundService>();
    /// <summary>refundStarPayment calls this test made.</summary>
    private IEnumerable<System.Text.Json.Nodes.JsonObject> RefundCallsOfThisTest => shop.Api.CallsOf("refundStarPayment").Skip(refundCallsBefore);
    private int RefundCalls => RefundCallsOfThisTest.Count();

    /// <summary>The last audit id before the test acts: entries above it are the test's.</summary>
    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await shop.App.DbAsync();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    [Fact]
    public async Task RefundOrder_DeliveredCredits_CallsTelegramOnceRevokesCreditsAndAudits()
    {
        var auditBefore = await LastAuditIdAsync();
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5, amount: 50));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-single");

        var result = await Refunds.RefundOrderAsync(order.Id, Staff, "buyer asked", acceptShortfall: false);

        Assert.Equal(RefundOutcome.Refunded, result.Outcome);
        var call = Assert.Single(RefundCallsOfThisTest);
        Assert.Equal(Buyer.ToString(), call["user_id"]!.ToString());
        Assert.Equal("charge-single", call["telegram_payment_charge_id"]!.ToString());
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Contains(after.Timeline(), e => e.Kind == OrderEventKind.Refunded && e.ActorName == Staff && e.Detail.Contains("buyer asked"));
        Assert.Equal(0, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
        await using var db = await shop.App.DbAsync();
        Assert.NotNull((await db.Payments.SingleAsync(p => p.ChargeId == "charge-single")).RefundedAt);
        var audit = await db.AuditEntries.SingleAsync(a => a.Area == "refund" && a.Id > auditBefore);
        Assert.Equal(Staff, audit.Actor);
        Assert.Contains("buyer asked", audit.Detail);
    }

    [Fact]
    public async Task RefundOrder_DoubleClick_OneTelegramCall()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text(slug: slug));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-double");

        var first = await Refunds.RefundOrderAsync(order.Id, Staff, "double click", false);
        var second = await Refunds.RefundOrderAsync(order.Id, Staff, "double click", false);

        Assert.Equal(RefundOutcome.Refunded, first.Outcome);
        Assert.Equal(RefundOutcome.AlreadyRefunded, second.Outcome);
        Assert.Equal(1, RefundCalls);
        Assert.Single((await shop.OrderAsync(order.Id)).Timeline(), e => e.Kind == OrderEventKind.Refunded);
    }

    [Fact]
    public async Task RefundOrder_TwoStaffAtOnce_OneTelegramCallOneRefund()
    {
        var auditBefore = await LastAuditIdAsync();
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-race");
        shop.Api.RefundDelay = TimeSpan.FromMilliseconds(300);

        using var start = new ManualResetEventSlim();
        var a = Task.Run(async () => { start.Wait(); return await Refunds.RefundOrderAsync(order.Id, "a@test.local", "race", false); });
        var b = Task.Run(async () => { start.Wait(); return await Refunds.RefundOrderAsync(order.Id, "b@test.local", "race", false); });
        start.Set();
        var results = await Task.WhenAll(a, b);

        Assert.Equal(1, RefundCalls);
        Assert.Single(results, r => r.Outcome == RefundOutcome.Refunded);
        Assert.Single(results, r => r.Outcome == RefundOutcome.AlreadyRefunded);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.Refunded);
        await using var db = await shop.App.DbAsync();
        Assert.Single(await db.AuditEntries.Where(x => x.Area == "refund" && x.Id > auditBefore).ToListAsync());
    }

    [Fact]
    public async Task RefundOrder_CreditsPartlySpent_ReportsShortfallAndBalanceNeverNegative()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5, amount: 50));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-spent");
        var ledger = shop.App.Service<CreditLedger>();
        Assert.True(await ledger.SpendAsync(order.BotId, Buyer, 30, default));

        var preview = await Refunds.PreviewAsync(order.Id);
        Assert.Equal(30, preview.Shortfall);
        var undecided = await Refunds.RefundOrderAsync(order.Id, Staff, "spent some", acceptShortfall: false);
        Assert.Equal(RefundOutcome.NeedsShortfallDecision, undecided.Outcome);
        Assert.Contains("spent 30 of the 50", undecided.Message);
        Assert.Equal(0, RefundCalls);

        var decided = await Refunds.RefundOrderAsync(order.Id, Staff, "spent some", acceptShortfall: true);
        Assert.Equal(RefundOutcome.Refunded, decided.Outcome);
        Assert.Contains("30 were already spent", decided.Message);
        Assert.Equal(0, await ledger.BalanceAsync(order.BotId, Buyer, default));
        await using var db = await shop.App.DbAsync();
        var grant = await db.CreditGrants.SingleAsync(g => g.OrderId == order.Id);
        Assert.Equal(0, grant.Remaining);
        Assert.NotNull(grant.RevokedAt);
        Assert.False(await ledger.SpendAsync(order.BotId, Buyer, 1, default));
    }

    [Fact]
    public async Task RefundOrder_PaidCommand_RevokesRemainingUses()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Command(slug: slug, uses: 3));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-command");
        shop.Api.EnqueueText(Buyer, "/translate");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("2 uses left"));

        var result = await Refunds.RefundOrderAsync(order.Id, Staff, "command not working", false);

        Assert.Equal(RefundOutcome.Refunded, result.Outcome);
        Assert.Contains("Revoked 2 remaining uses of /translate", result.Message);
        await using var db = await shop.App.DbAsync();
        var entitlement = await db.CommandEntitlements.SingleAsync(e => e.OrderId == order.Id);
        Assert.Equal(0, entitlement.UsesLeft);
        Assert.NotNull(entitlement.RevokedAt);
        var before = shop.Api.SentTexts(Buyer).Count();
        shop.Api.EnqueueText(Buyer, "/translate");
        // Without uses the buyer gets the card to buy again, never the paid reply.
        await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == Buyer.ToString() && shop.Api.SentTexts(Buyer).Count() > before);
        Assert.DoesNotContain(shop.Api.SentTexts(Buyer).Skip(before), t => t.Contains("Send me the text to translate"));
    }

    [Fact]
    public async Task RefundOrder_ChargeAlreadyRefundedAtTelegram_CountsAsSuccess()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-already");
        shop.Api.AddStarRefund(Buyer, "charge-already", order.Stars);

        var result = await Refunds.RefundOrderAsync(order.Id, Staff, "refunded elsewhere", false);

        Assert.True(result.Succeeded);
        Assert.Equal(RefundOutcome.AlreadyRefunded, result.Outcome);
        Assert.Equal(1, RefundCalls);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Contains(after.Timeline(), e => e.Kind == OrderEventKind.Refunded && e.Detail.Contains("already refunded"));
        Assert.Equal(0, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
    }

    [Fact]
    public async Task RefundedPayment_BeforeStaffRefund_OrderRefundedAndStaffMakesNoTelegramCall()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, amount: 40));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-early");

        shop.Api.Enqueue(SupportShop.RefundedPayment(Buyer, "payload", order.Stars, "charge-early"));
        var refunded = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Refunded);
        Assert.Contains(refunded.Timeline(), e => e.Kind == OrderEventKind.RefundConfirmed && e.Actor == EventActor.Telegram);
        Assert.Equal(0, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));

        var staff = await Refunds.RefundOrderAsync(order.Id, Staff, "late click", false);
        Assert.Equal(RefundOutcome.AlreadyRefunded, staff.Outcome);
        Assert.Equal(0, RefundCalls);

        // The same message again (a duplicate with a new update id) changes nothing.
        var events = (await shop.OrderAsync(order.Id)).Timeline().Count;
        var marker = shop.Api.Enqueue(SupportShop.RefundedPayment(Buyer, "payload", order.Stars, "charge-early"));
        await WaitProcessedAsync(marker);
        Assert.Equal(events, (await shop.OrderAsync(order.Id)).Timeline().Count);
    }

    [Fact]
    public async Task RefundedPayment_AfterStaffRefund_ConfirmsOnceWithoutReversingAgain()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, amount: 40));
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-late");
        Assert.Equal(RefundOutcome.Refunded, (await Refunds.RefundOrderAsync(order.Id, Staff, "asked", false)).Outcome);

        shop.Api.Enqueue(SupportShop.RefundedPayment(Buyer, "payload", order.Stars, "charge-late"));
        var confirmed = await shop.WaitForOrderAsync(order.Id, o => o.Timeline().Any(e => e.Kind == OrderEventKind.RefundConfirmed));
        var again = shop.Api.Enqueue(SupportShop.RefundedPayment(Buyer, "payload", order.Stars, "charge-late"));
        await WaitProcessedAsync(again);

        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.Refunded);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.RefundConfirmed);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.RefundReversal);
        Assert.Equal(confirmed.Timeline().Count, after.Timeline().Count);
        Assert.Equal(1, RefundCalls);
    }

    [Fact]
    public async Task Buy_AfterRefund_SameBuyerCanBuyAgainEvenWithPerBuyerLimit()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, amount: 20), f => f.PerBuyerLimit = 1);
        var first = await shop.DeliveredOrderAsync(Buyer, action, "charge-first");
        Assert.Equal(RefundOutcome.Refunded, (await Refunds.RefundOrderAsync(first.Id, Staff, "wrong pack", false)).Outcome);

        var second = await shop.DeliveredOrderAsync(Buyer, action, "charge-second");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(OrderStatus.Delivered, second.Status);
        Assert.Equal(20, await shop.App.Service<CreditLedger>().BalanceAsync(second.BotId, Buyer, default));
    }

    private async Task WaitProcessedAsync(int updateId)
    {
        await SupportShop.EventuallyAsync(async () =>
        {
            await using var db = await shop.App.DbAsync();
            return await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == updateId);
        }, done => done, $"update {updateId} to be processed");
    }
}
