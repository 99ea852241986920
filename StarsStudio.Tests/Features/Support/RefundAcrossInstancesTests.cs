using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>
/// Two app instances on one PostgreSQL database, each behind its own Bot API standing for the same bot, and support
/// on each pressing Refund on the same order at the same moment. The refund claim is a row in the shared database, so
/// Telegram is asked once whichever instance wins; the other one is told the order is refunded, not shown an error.
/// </summary>
public sealed class RefundAcrossInstancesTests : IAsyncLifetime
{
    // Shared by both instances, as README's "Several instances" asks: the invoice payload key lives here.
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private LocalShop first = null!;
    private LocalShop second = null!;

    public async Task InitializeAsync()
    {
        if (TestDatabase.Server is null) return; // PostgresFact skips the test then
        var firstApi = await LocalBotApi.StartAsync();
        var secondApi = await LocalBotApi.StartAsync();
        secondApi.NumberUpdatesFrom(500_000);
        first = await StartAsync(firstApi);
        second = await StartAsync(secondApi);
    }

    private Task<LocalShop> StartAsync(LocalBotApi api) => LocalShop.StartAsync(api, dataDirectory, app =>
    {
        foreach (var (key, value) in TestDatabase.PostgresSettings(dataDirectory)) app.With(key, value);
    });

    public async Task DisposeAsync()
    {
        if (TestDatabase.Server is null) return;
        foreach (var shop in new[] { first, second })
        {
            if (shop is null) continue;
            await shop.DisposeAsync();
            await shop.Api.DisposeAsync();
        }
        await TestDatabase.DropAsync(dataDirectory);
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [PostgresFact]
    public async Task RefundOrder_SupportOnBothInstancesAtOnce_OneTelegramRefundOneRecordOneAuditLine()
    {
        var buyer = SharedShop.NewBuyer();
        var action = await CatalogSeed.LiveAsync(first.App, CatalogSeed.Credits(slug: SharedShop.NewSlug("refund-both"), price: 5, amount: 50));
        var order = await first.DeliveredOrderAsync(buyer, action, "charge-both-instances");
        // Both Telegrams know the charge; each answers slowly, so the two requests overlap for certain.
        second.Api.AddStarPayment(buyer, "charge-both-instances", order.Stars, "listed");
        first.Api.RefundDelay = second.Api.RefundDelay = TimeSpan.FromMilliseconds(500);
        long auditBefore;
        await using (var db = await first.App.DbAsync())
            auditBefore = await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;

        using var start = new ManualResetEventSlim();
        Task<RefundResult> On(LocalShop shop, string staff) => Task.Run(async () =>
        {
            start.Wait();
            return await shop.App.Service<RefundService>().RefundOrderAsync(order.Id, staff, "buyer asked twice", acceptShortfall: false);
        });
        var a = On(first, "a@test.local");
        var b = On(second, "b@test.local");
        start.Set();
        var results = await Task.WhenAll(a, b);

        // Exactly one refundStarPayment reached Telegram, from whichever instance won the claim.
        Assert.Equal(1, first.Api.CallsOf("refundStarPayment").Count() + second.Api.CallsOf("refundStarPayment").Count());
        Assert.Single(results, r => r.Outcome == RefundOutcome.Refunded);
        var loser = Assert.Single(results, r => r.Outcome == RefundOutcome.AlreadyRefunded);
        Assert.Equal($"Order {order.Code} is already refunded; nothing was sent to Telegram.", loser.Message);

        var after = await first.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Refunded, after.Status);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.Refunded);
        Assert.Single(after.Timeline(), e => e.Kind == OrderEventKind.RefundReversal);
        await using var check = await second.App.DbAsync();
        var payment = await check.Payments.AsNoTracking().SingleAsync(p => p.ChargeId == "charge-both-instances");
        Assert.NotNull(payment.RefundedAt);
        Assert.Null(payment.RefundClaimUntil);
        Assert.Single(await check.AuditEntries.AsNoTracking().Where(x => x.Area == "refund" && x.Id > auditBefore).ToListAsync());
        var grant = await check.CreditGrants.AsNoTracking().SingleAsync(g => g.OrderId == order.Id);
        Assert.Equal(0, grant.Remaining);
    }
}
