using StarsStudio.Features.Payments.Lifecycle;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Payments;

public sealed class OrderExpiryTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task Expire_UnpaidInvoicePastLifetime_BecomesExpiredPaidOnesStay()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits());
        var (_, stale) = await shop.BuyAsync(1, action);
        var (paidInvoice, paid) = await shop.BuyAsync(2, action);
        Assert.True((await shop.PreCheckoutAsync(2, paidInvoice["payload"]!.GetValue<string>(), 5)).Ok);
        shop.Pay(2, paidInvoice["payload"]!.GetValue<string>(), 5, "charge-expiry");
        await shop.WaitForOrderAsync(paid.Id, o => o.Status == OrderStatus.Delivered);
        await using (var db = await shop.App.DbAsync())
            await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var expired = await shop.App.Service<OrderExpiryWorker>().ExpireAsync(default);

        Assert.Equal(1, expired);
        Assert.Equal(OrderStatus.Expired, (await shop.OrderAsync(stale.Id)).Status);
        Assert.Equal(OrderStatus.Delivered, (await shop.OrderAsync(paid.Id)).Status);
        Assert.Contains((await shop.OrderAsync(stale.Id)).Timeline(), e => e.Kind == OrderEventKind.Expired);
    }
}
