using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Payments.Lifecycle;

/// <summary>
/// The plain-SQL form of a transition (<see cref="TransitionStatement"/>) writes what EF Core would: moments to the
/// tick, status names, a stamp a later tracked save still matches, and only from the allowed states. Runs on SQLite,
/// and on PostgreSQL in that pass.
/// </summary>
public sealed class TransitionStatementTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const long Buyer = 7301;
    // Later than the purchase's own lines (the timeline is in time order), with ticks a rounding would lose.
    private static readonly DateTimeOffset Approved = DateTimeOffset.UtcNow.AddHours(1).AddTicks(1234567);
    private static readonly DateTimeOffset Paid = Approved.AddSeconds(7).AddTicks(89);

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    private OrderLifecycle Lifecycle => shop.App.Service<OrderLifecycle>();

    private Task<TransitionOutcome> ApplyAsync(long orderId, OrderTransition transition, OrderChange change) =>
        Lifecycle.InTransactionAsync(db => Lifecycle.ApplyAsync(db, orderId, transition, change, CancellationToken.None), CancellationToken.None);

    private async Task<Order> InvoicedOrderAsync()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var (_, order) = await shop.BuyAsync(Buyer, action);
        return await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.InvoiceSent);
    }

    [Fact]
    public async Task Pay_AfterApproval_WritesEachColumnExactlyAndKeepsTheEarlierApproval()
    {
        var order = await InvoicedOrderAsync();
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Problem, "an earlier refusal"));
        Assert.True((await ApplyAsync(order.Id, OrderTransitions.Approve, new OrderChange(Approved, EventActor.Bot, "approved") { Set = new() { ApprovedAt = Approved } })).Applied);
        var before = await shop.OrderAsync(order.Id);

        var paid = await ApplyAsync(order.Id, OrderTransitions.Pay, new OrderChange(Paid, EventActor.Telegram, "paid \"quoted\"\nline")
        {
            Set = new() { PaidAt = Paid, ChargeId = "charge-plain", Problem = ProblemUpdate.Clear, ApprovedAtIfUnset = Paid },
        });

        Assert.Equal(new TransitionOutcome(true, OrderStatus.Paid), paid);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal(OrderStatus.Paid, after.Status);
        Assert.Equal(Approved, after.ApprovedAt);
        Assert.Equal(Paid, after.PaidAt);
        Assert.Equal("charge-plain", after.ChargeId);
        Assert.Null(after.Problem);
        Assert.NotEqual(before.ConcurrencyStamp, after.ConcurrencyStamp);
        var last = after.Timeline()[^1];
        Assert.Equal((OrderEventKind.Paid, Paid, "paid \"quoted\"\nline"), (last.Kind, last.At, last.Detail));
        // The other columns are as they were.
        Assert.Equal((before.InvoiceMessageId, before.Stars, before.Code, before.DeliveredAt), (after.InvoiceMessageId, after.Stars, after.Code, after.DeliveredAt));

        // A tracked save checks the stamp the statement wrote: it must match what EF Core reads back.
        await using var edit = await shop.App.DbAsync();
        var tracked = await edit.Orders.SingleAsync(o => o.Id == order.Id);
        tracked.Problem = "noted by support";
        await edit.SaveChangesAsync();
    }

    [Fact]
    public async Task Pay_WithoutApproval_SetsTheApprovalToThePaymentTime()
    {
        var order = await InvoicedOrderAsync();
        await ApplyAsync(order.Id, OrderTransitions.Pay, new OrderChange(Paid, EventActor.Telegram, "paid") { Set = new() { PaidAt = Paid, ChargeId = "charge-first", ApprovedAtIfUnset = Paid } });
        Assert.Equal(Paid, (await shop.OrderAsync(order.Id)).ApprovedAt);
    }

    [Theory]
    [InlineData("Sold past the stock of 3: this payment arrived late.", "Sold past the stock of 3: this payment arrived late.")]
    [InlineData("sold past the stock, but in other letters", null)]
    [InlineData("Telegram timed out", null)]
    public async Task FinishDelivery_ClearsTheProblemUnlessItIsTheOversoldFlag(string problem, string? expected)
    {
        var order = await InvoicedOrderAsync();
        await ApplyAsync(order.Id, OrderTransitions.Pay, new OrderChange(Paid, EventActor.Telegram, "paid") { Set = new() { PaidAt = Paid, ChargeId = "charge-" + Guid.NewGuid() } });
        await ApplyAsync(order.Id, OrderTransitions.StartDelivery, new OrderChange(Paid, EventActor.System, "attempt"));
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Problem, problem));

        await ApplyAsync(order.Id, OrderTransitions.FinishDelivery, new OrderChange(Paid, EventActor.Bot, "delivered") { Set = new() { DeliveredAt = Paid, Problem = ProblemUpdate.ClearUnlessOversold } });

        var after = await shop.OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Delivered, Paid, expected), (after.Status, after.DeliveredAt, after.Problem));
    }

    [Fact]
    public async Task Transition_FromAStateItDoesNotAllow_ChangesNothingAndSaysWhatTheOrderIs()
    {
        var order = await InvoicedOrderAsync();
        var before = await shop.OrderAsync(order.Id);

        var outcome = await ApplyAsync(order.Id, OrderTransitions.FinishDelivery, new OrderChange(Paid, EventActor.Bot, "delivered") { Set = new() { DeliveredAt = Paid, Problem = ProblemUpdate.Set("x") } });

        Assert.Equal(new TransitionOutcome(false, OrderStatus.InvoiceSent), outcome);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal((before.Status, before.ConcurrencyStamp, before.TransitionLog, before.DeliveredAt, before.Problem),
            (after.Status, after.ConcurrencyStamp, after.TransitionLog, after.DeliveredAt, after.Problem));
    }

    [Fact]
    public async Task Transition_SettingTheApprovalTimeTwice_IsRefusedAndWritesNothing()
    {
        var order = await InvoicedOrderAsync();
        var before = await shop.OrderAsync(order.Id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(order.Id, OrderTransitions.Approve,
            new OrderChange(Approved, EventActor.Bot, "approved") { Set = new() { ApprovedAt = Approved, ApprovedAtIfUnset = Paid } }));

        var after = await shop.OrderAsync(order.Id);
        Assert.Equal((before.Status, before.TransitionLog, before.ApprovedAt), (after.Status, after.TransitionLog, after.ApprovedAt));
    }

    [Fact]
    public async Task Resolve_KeepsTheStatusAndSetsTheFlag()
    {
        var order = await InvoicedOrderAsync();
        await ApplyAsync(order.Id, OrderTransitions.Pay, new OrderChange(Paid, EventActor.Telegram, "paid") { Set = new() { PaidAt = Paid, ChargeId = "charge-resolve" } });
        await ApplyAsync(order.Id, OrderTransitions.StartDelivery, new OrderChange(Paid, EventActor.System, "attempt"));
        await ApplyAsync(order.Id, OrderTransitions.FailDelivery, new OrderChange(Paid, EventActor.System, "blocked") { Set = new() { Problem = ProblemUpdate.Set("The buyer blocked the bot"), Resolved = false } });

        var resolved = await ApplyAsync(order.Id, OrderTransitions.Resolve, new OrderChange(Paid, EventActor.Staff, "handled", "support@test.local") { Set = new() { Resolved = true } });

        Assert.Equal(new TransitionOutcome(true, OrderStatus.DeliveryFailed), resolved);
        var after = await shop.OrderAsync(order.Id);
        Assert.Equal((OrderStatus.DeliveryFailed, true, "The buyer blocked the bot"), (after.Status, after.Resolved, after.Problem));
        Assert.Equal("support@test.local", after.Timeline()[^1].ActorName);
    }
}
