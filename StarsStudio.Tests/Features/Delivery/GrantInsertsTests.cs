using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Delivery;

/// <summary>
/// An order's grant goes in once however often its delivery starts (a retry, a worker taking over a lease): the
/// insert meets the unique index on the order and adds nothing the second time, on SQLite and on PostgreSQL.
/// </summary>
public sealed class GrantInsertsTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const long Buyer = 7401;

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    private async Task<(Order Order, ActionTerms Terms)> DeliveredAsync(PaidActionForm form, string charge)
    {
        var action = await CatalogSeed.LiveAsync(shop.App, form);
        var order = await shop.DeliveredOrderAsync(Buyer, action, charge);
        await using var db = await shop.App.DbAsync();
        var terms = await db.PaidActionVersions.Where(v => v.ActionId == order.ActionId && v.Version == order.ActionVersion).Select(v => v.Terms).SingleAsync();
        return (order, terms);
    }

    /// <summary>Starts the order's delivery once more, as a second attempt would: the grant inside the same transaction.</summary>
    private Task GrantAgainAsync(Order order, ActionTerms terms)
    {
        var deliverer = shop.App.Service<IEnumerable<IDeliverer>>().Single(d => d.Kind == order.Kind);
        var lifecycle = shop.App.Service<OrderLifecycle>();
        return lifecycle.InTransactionAsync(async db =>
        {
            await deliverer.GrantAsync(db, order, terms, DateTimeOffset.UtcNow, CancellationToken.None);
            return true;
        }, CancellationToken.None);
    }

    [Fact]
    public async Task CreditGrant_SecondAttempt_AddsNothing()
    {
        var (order, terms) = await DeliveredAsync(CatalogSeed.Credits(price: 5, amount: 50, expiryDays: 30), "charge-grant-twice");

        await GrantAgainAsync(order, terms);

        await using var db = await shop.App.DbAsync();
        var grant = await db.CreditGrants.AsNoTracking().SingleAsync(g => g.OrderId == order.Id);
        Assert.Equal((50, 50, Buyer), (grant.Amount, grant.Remaining, grant.BuyerId));
        Assert.NotNull(grant.ExpiresAt);
        Assert.Equal(30, Math.Round((grant.ExpiresAt!.Value - grant.GrantedAt).TotalDays));
        Assert.Equal(50, await shop.App.Service<CreditLedger>().BalanceAsync(order.BotId, Buyer, default));
    }

    [Fact]
    public async Task CommandUses_SecondAttempt_AddsNothing()
    {
        var (order, terms) = await DeliveredAsync(CatalogSeed.Command(uses: 3), "charge-uses-twice");

        await GrantAgainAsync(order, terms);

        await using var db = await shop.App.DbAsync();
        var entitlement = await db.CommandEntitlements.AsNoTracking().SingleAsync(e => e.OrderId == order.Id);
        Assert.Equal((3, 3, terms.CommandName, order.ActionVersion), (entitlement.UsesTotal, entitlement.UsesLeft, entitlement.CommandName, entitlement.ActionVersion));
    }
}
