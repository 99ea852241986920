using StarsStudio.Features.Messages;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Messages;

/// <summary>Every message the bot sent or tried to send about an order lands in its log, with Telegram's id or the error.</summary>
public sealed class OrderMessageLogTests : IAsyncLifetime
{
    private LocalShop shop = null!;

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    private Task<IReadOnlyList<OrderMessage>> LogAsync(long orderId, Func<IReadOnlyList<OrderMessage>, bool> until) =>
        Eventually.GetAsync(() => shop.App.Service<OrderMessageLog>().ForOrderAsync(orderId), until, log => $"the log has {log.Count} message(s): {string.Join("; ", log.Select(m => $"{m.Kind} {m.Error}"))}");

    [Fact]
    public async Task Log_DeliveryToABuyerWhoBlockedTheBot_ShowsTheFailedSendWithItsError()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var (invoice, order) = await shop.BuyAsync(71, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(71, payload, order.Stars)).Ok);
        shop.Api.FailMethod("sendMessage", "blocked", 10);
        shop.Pay(71, payload, order.Stars, "charge-log-blocked");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);

        var log = await LogAsync(order.Id, l => l.Any(m => m.Kind == OrderMessageKind.Delivery));

        var sentInvoice = Assert.Single(log, m => m.Kind == OrderMessageKind.Invoice);
        Assert.NotNull(sentInvoice.TelegramMessageId);
        Assert.Null(sentInvoice.Error);
        Assert.Equal(action.Terms.Title, sentInvoice.Excerpt);
        var failed = log.First(m => m.Kind == OrderMessageKind.Delivery);
        Assert.Null(failed.TelegramMessageId);
        Assert.Contains("bot was blocked by the user", failed.Error);
        Assert.Equal(71, failed.ChatId);
        Assert.False(string.IsNullOrEmpty(failed.Excerpt));
    }

    [Fact]
    public async Task Log_DeliveredOrder_HasItsInvoiceAndContentWithMessageIds()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text());
        var order = await shop.DeliveredOrderAsync(72, action, "charge-log-ok");

        var log = await LogAsync(order.Id, l => l.Any(m => m.Kind == OrderMessageKind.Delivery));

        Assert.All(log, m => { Assert.NotNull(m.TelegramMessageId); Assert.Null(m.Error); });
        Assert.Contains(log, m => m.Kind == OrderMessageKind.Invoice);
        Assert.Contains(log, m => m.Kind == OrderMessageKind.Delivery);
    }

    [Fact]
    public async Task Batch_ManyEntriesWithNulls_WrittenInOneStatementAndReadBackExactly()
    {
        var at = new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
        var batch = Enumerable.Range(0, 250).Select(i => new OrderMessage
        {
            OrderId = 900, At = at.AddSeconds(i), Kind = i % 2 == 0 ? OrderMessageKind.Delivery : OrderMessageKind.Receipt, ChatId = 71,
            Excerpt = i % 3 == 0 ? null : $"text {i} with 'quotes' and {{braces}}", TelegramMessageId = i % 5 == 0 ? null : i, Error = i == 7 ? "Forbidden: bot was blocked by the user" : null,
        }).ToList();
        await using (var db = await shop.App.DbAsync())
            await OrderMessageBatch.InsertAsync(db, batch, default);

        var read = await shop.App.Service<OrderMessageLog>().ForOrderAsync(900);
        Assert.Equal(250, read.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(batch[i].At, read[i].At);
            Assert.Equal(batch[i].Kind, read[i].Kind);
            Assert.Equal(batch[i].Excerpt, read[i].Excerpt);
            Assert.Equal(batch[i].TelegramMessageId, read[i].TelegramMessageId);
            Assert.Equal(batch[i].Error, read[i].Error);
        }
    }
}
