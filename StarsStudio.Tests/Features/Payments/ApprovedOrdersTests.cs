using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Features.Payments;

public sealed class ApprovedOrdersTests
{
    private static Order NewOrder(long id) => new() { Id = id, Code = $"SS-{id:D6}", Status = OrderStatus.Approved, Stars = 5 };

    [Fact]
    public void Take_GivesTheApprovedCopyOnce()
    {
        var orders = new ApprovedOrders();
        orders.Remember(NewOrder(1));

        Assert.Equal(1, orders.Take(1)?.Id);
        Assert.Null(orders.Take(1));
        Assert.Null(orders.Take(2));
    }

    [Fact]
    public void Remember_KeepsACopy_LaterChangesToTheOrderDoNotReachIt()
    {
        var orders = new ApprovedOrders();
        var order = NewOrder(1);
        orders.Remember(order);
        order.Status = OrderStatus.Rejected;
        order.ChargeId = "changed";

        var copy = orders.Take(1)!;
        Assert.Equal((OrderStatus.Approved, (string?)null), (copy.Status, copy.ChargeId));
    }

    [Fact]
    public void Remember_ManyOrders_KeepsAtMostTwoGenerations()
    {
        var orders = new ApprovedOrders();
        for (var id = 1; id <= 5000; id++) orders.Remember(NewOrder(id));

        // The first generation was dropped when the third began; the newest are all there.
        Assert.Null(orders.Take(1));
        Assert.Null(orders.Take(2048));
        Assert.Equal(2049, orders.Take(2049)?.Id);
        Assert.Equal(5000, orders.Take(5000)?.Id);
    }
}
