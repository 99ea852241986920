using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>/paysupport end to end: the buyer picks an order and writes; staff reply and close from the dashboard's service.</summary>
public sealed class PaySupportFlowTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const long Buyer = 6161;

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task PaySupport_BuyerPicksOrderAndWrites_StaffReplyAndCloseReachTheBuyer()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(Buyer, action, "charge-help");

        shop.Api.EnqueueText(Buyer, "/paysupport");
        var menu = await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == Buyer.ToString() && b["text"]!.ToString().Contains("Which purchase"));
        var buttons = menu["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.ToString()).ToList();
        Assert.Contains($"ps:{order.Id}", buttons);
        Assert.Contains("ps:0", buttons);

        shop.Api.Enqueue(Updates.Callback(Buyer, $"ps:{order.Id}"));
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("describe the problem"));
        shop.Api.EnqueueText(Buyer, "I paid but the checklist is empty");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("We received your request #"));

        var desk = shop.App.Service<SupportDesk>();
        var item = Assert.Single(await desk.ListAsync(includeClosed: false));
        Assert.Equal(order.Id, item.Request.OrderId);
        Assert.Equal(order.Code, item.OrderCode);
        Assert.Equal("I paid but the checklist is empty", Assert.Single(item.Request.Messages).Text);
        Assert.Contains(item.RecentOrders, o => o.Id == order.Id);
        Assert.Contains((await shop.OrderAsync(order.Id)).Timeline(), e => e.Kind == OrderEventKind.SupportRequest);

        var reply = await desk.ReplyAsync(item.Request.Id, "support@test.local", "Sorry! We sent it again.");
        Assert.True(reply.Succeeded, reply.Message);
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("Sorry! We sent it again."));

        var closed = await desk.CloseAsync(item.Request.Id, "support@test.local");
        Assert.True(closed.Succeeded, closed.Message);
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains($"request #{item.Request.Id} is now closed"));
        Assert.Empty(await desk.ListAsync(includeClosed: false));

        // With no prompt pending, a plain text goes to the help fallback again, not the inbox.
        shop.Api.EnqueueText(Buyer, "hello?");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("I did not understand that"));
        Assert.Single(await desk.ListAsync(includeClosed: true));
    }

    [Fact]
    public async Task PaySupport_NoOrders_AsksForDescriptionAndFilesRequestWithoutOrder()
    {
        shop.Api.EnqueueText(Buyer, "/paysupport");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("describe the problem"));
        shop.Api.EnqueueText(Buyer, "Where is my purchase?");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("We received your request #"));

        var item = Assert.Single(await shop.App.Service<SupportDesk>().ListAsync(includeClosed: false));
        Assert.Null(item.Request.OrderId);
        Assert.Equal(Buyer, item.Request.BuyerId);
    }
}
