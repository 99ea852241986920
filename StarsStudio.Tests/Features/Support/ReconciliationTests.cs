using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Reconciliation against getStarTransactions served over HTTP, paged 100 at a time.</summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const string Staff = "support@test.local";

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task Reconcile_EachMismatchKind_FoundAndEachFixResolvesIt()
    {
        var service = shop.App.Service<ReconciliationService>();
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        // 120 refunds of charges from before this app: they fill the first page, so the rest is only found by paging.
        for (var i = 0; i < 120; i++) shop.Api.AddStarRefund(900 + i, $"old-{i}", 1);

        await shop.DeliveredOrderAsync(1, action, "charge-ok");
        // Paid at Telegram, but the successful_payment update never reached us.
        var (invoice, missing) = await shop.BuyAsync(2, action);
        var missingPayload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(2, missingPayload, 5)).Ok);
        shop.Api.AddStarPayment(2, "charge-missing", 5, missingPayload);
        // Recorded by us, unknown to Telegram.
        var unknown = await shop.DeliveredOrderAsync(3, action, "charge-unknown", telegramLists: false);
        // Refunded at Telegram behind our back.
        var refundedThere = await shop.DeliveredOrderAsync(4, action, "charge-refunded-there");
        shop.Api.AddStarRefund(4, "charge-refunded-there", 5);
        // Marked refunded here, but Telegram never refunded it.
        var refundedHere = await shop.DeliveredOrderAsync(5, action, "charge-refunded-here");
        await using (var db = await shop.App.DbAsync())
            await db.Payments.Where(p => p.ChargeId == "charge-refunded-here").ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedAt, DateTimeOffset.UtcNow));

        var summary = await service.RunAsync(Staff);

        Assert.True(summary.TransactionsRead > 120);
        var offsets = shop.Api.CallsOf("getStarTransactions").Select(c => c["offset"]?.GetValue<int>() ?? 0).ToList();
        Assert.Contains(0, offsets);
        Assert.Contains(100, offsets);
        var findings = await service.OpenFindingsAsync();
        Assert.Equal(4, findings.Count);
        Assert.Equal(4, summary.NewFindings);
        var paidNotRecorded = Assert.Single(findings, f => f.Kind == FindingKind.PaidNotRecorded);
        Assert.Equal("charge-missing", paidNotRecorded.ChargeId);
        Assert.Equal("charge-unknown", Assert.Single(findings, f => f.Kind == FindingKind.RecordedUnknownToTelegram).ChargeId);
        Assert.Equal("charge-refunded-there", Assert.Single(findings, f => f.Kind == FindingKind.RefundedNotRecorded).ChargeId);
        Assert.Equal("charge-refunded-here", Assert.Single(findings, f => f.Kind == FindingKind.RefundMissingAtTelegram).ChargeId);

        // A second run stores nothing twice.
        Assert.Equal(0, (await service.RunAsync(Staff)).NewFindings);

        foreach (var f in findings) Assert.True((await service.FixAsync(f.Id, Staff)).Succeeded, f.Kind.ToString());

        var delivered = await shop.WaitForOrderAsync(missing.Id, o => o.Status == OrderStatus.Delivered);
        Assert.Equal("charge-missing", delivered.ChargeId);
        Assert.Equal(OrderStatus.Refunded, (await shop.OrderAsync(refundedThere.Id)).Status);
        Assert.Contains(shop.Api.CallsOf("refundStarPayment"), c => c["telegram_payment_charge_id"]!.ToString() == "charge-refunded-here");
        Assert.Equal(OrderStatus.Delivered, (await shop.OrderAsync(unknown.Id)).Status);
        Assert.Empty(await service.OpenFindingsAsync());

        var again = await service.RunAsync(Staff);
        Assert.Equal(0, again.NewFindings);
        Assert.Equal(0, again.StillOpen);
        await using var check = await shop.App.DbAsync();
        Assert.Equal(4, await check.AuditEntries.CountAsync(a => a.Area == "reconciliation" && a.Detail.StartsWith("Fixed")));
    }
}
