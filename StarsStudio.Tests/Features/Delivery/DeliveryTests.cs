using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Delivery;

public sealed class DeliveryTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => api = await LocalBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
        await TestDatabase.DropAsync(dataDirectory);
    }

    private static async Task<(string Payload, Order Order)> PaidAsync(LocalShop shop, long buyer, StarsStudio.Features.Catalog.PaidActionForm form, string charge)
    {
        var action = await CatalogSeed.LiveAsync(shop.App, form);
        var (invoice, order) = await shop.BuyAsync(buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(buyer, payload, form.PriceStars)).Ok);
        shop.Pay(buyer, payload, form.PriceStars, charge);
        return (payload, order);
    }

    [Fact]
    public async Task Deliver_BuyerBlockedTheBot_DeliveryFailedWithReasonAndBuyerMarked()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        api.FailMethod("sendMessage", "blocked", 10);
        var (_, order) = await PaidAsync(shop, 61, CatalogSeed.Text(), "charge-blocked");

        var failed = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);

        Assert.Contains("blocked the bot", failed.Problem);
        Assert.Equal("charge-blocked", failed.ChargeId);
        Assert.Equal("paid, failed — support needed", failed.Describe());
        await using var db = await shop.App.DbAsync();
        Assert.NotNull((await db.Buyers.SingleAsync(b => b.TelegramUserId == 61)).BlockedAt);
    }

    [Fact]
    public async Task Deliver_TransientErrors_RetriedThenDelivered()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        api.FailMethod("sendMessage", "429", 1);
        var (_, order) = await PaidAsync(shop, 62, CatalogSeed.Text(), "charge-429");

        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered, seconds: 30);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Contains(api.SentTexts(62), t => t.StartsWith("<b>Launch checklist</b>"));
    }

    [Fact]
    public async Task Deliver_AppStoppedBetweenPaidAndDelivered_DeliveredAfterRestart()
    {
        Order order;
        await using (var first = await LocalShop.StartAsync(api, dataDirectory, ShortLeaseOnPostgres))
        {
            // The text delivery hangs, and the app stops while it does.
            api.FailMethod("sendMessage", "hang", 1);
            (_, order) = await PaidAsync(first, 63, CatalogSeed.Text(), "charge-restart");
            // The hanging call must have reached the API before the stop: Delivering alone can come before the send,
            // and then the restarted app's send would be the one that hangs.
            await api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == "63");
            await first.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivering);
        }
        await using (var db = await OpenDbAsync())
            Assert.Equal(JobStatus.Running, (await db.DeliveryJobs.SingleAsync()).Status);

        await using var second = await LocalShop.StartAsync(api, dataDirectory, ShortLeaseOnPostgres);
        var delivered = await second.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        Assert.Equal("charge-restart", delivered.ChargeId);
        await using var after = await second.App.DbAsync();
        Assert.Equal(1, await after.Payments.CountAsync());
    }

    [Fact]
    public async Task Deliver_AppStoppedAfterTheContentBeforeTheReceipt_RestartSendsOnlyTheReceipt()
    {
        // A file is the kind whose receipt still goes as its own message (texts, credits and commands carry theirs).
        Order order;
        await using (var first = await LocalShop.StartAsync(api, dataDirectory, ShortLeaseOnPostgres))
        {
            api.FailMethod("sendMessage", "hang"); // the document goes out, the receipt hangs, and the app stops while it does
            (_, order) = await PaidAsync(first, 66, await FileFormAsync(first), "charge-half");
            await api.WaitForCallAsync("sendDocument", b => b["chat_id"]!.ToString() == "66");
            await Eventually.WithinAsync(async () =>
            {
                await using var db = await first.App.DbAsync();
                return (await db.DeliveryJobs.SingleAsync()).ContentSentAt is not null;
            }, sent => sent, seconds: 30);
        }
        await using (var db = await OpenDbAsync())
        {
            var job = await db.DeliveryJobs.SingleAsync();
            Assert.Equal(JobStatus.Running, job.Status);
            Assert.NotNull(job.ContentSentAt);
        }

        await using var second = await LocalShop.StartAsync(api, dataDirectory, ShortLeaseOnPostgres);
        await second.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        Assert.Single(api.CallsOf("sendDocument"), b => b["chat_id"]!.ToString() == "66");
        Assert.Contains(api.SentTexts(66), t => t.Contains("Receipt") && t.Contains(order.Code));
    }

    private static async Task<StarsStudio.Features.Catalog.PaidActionForm> FileFormAsync(LocalShop shop)
    {
        using var content = new MemoryStream("%PDF-1.4 a tiny plan"u8.ToArray());
        var stored = await shop.App.Service<StarsStudio.Features.Catalog.FileStore>().SaveAsync(content, "plan.pdf", "application/pdf");
        return new StarsStudio.Features.Catalog.PaidActionForm
        {
            Name = "Plan", Slug = "plan-file", Kind = StarsStudio.Features.Catalog.ActionKind.File, PriceStars = 4,
            Promise = "a 12-week training plan as a PDF", Title = "Training plan", Description = "12 weeks, 4 runs a week, as a PDF right after you pay.",
            FileId = stored.Id, FileName = stored.FileName, FileContentType = stored.ContentType, FileSize = stored.Size,
        };
    }

    [Fact]
    public async Task Deliver_Text_ContentAndReceiptInOneMessage()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var (_, order) = await PaidAsync(shop, 67, CatalogSeed.Text(), "charge-text-one");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        var message = Assert.Single(api.SentTexts(67), t => t.Contains("Pick a date"));
        Assert.StartsWith("<b>Launch checklist</b>", message);
        Assert.Contains($"Receipt · order {order.Code}", message);
        Assert.Contains("/paysupport", message);
        Assert.DoesNotContain(api.SentTexts(67), t => t.Contains("Receipt") && !t.Contains("Pick a date"));
    }

    [Fact]
    public async Task PaidCommand_EachUseSpendsExactlyOne_ThenOffersMore()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var (_, order) = await PaidAsync(shop, 64, CatalogSeed.Command(uses: 2), "charge-cmd");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        api.EnqueueText(64, "/translate");
        await api.WaitForTextAsync(64, t => t.Contains("1 use left"));
        api.EnqueueText(64, "/translate");
        await api.WaitForTextAsync(64, t => t.Contains("last use"));
        api.EnqueueText(64, "/translate");
        await api.WaitForTextAsync(64, t => t.Contains("used all your /translate uses"));

        await using var db = await shop.App.DbAsync();
        Assert.Equal(0, (await db.CommandEntitlements.SingleAsync()).UsesLeft);
        Assert.Equal(2, api.SentTexts(64).Count(t => t == "Send me the text to translate."));
    }

    [Fact]
    public async Task Purchases_AfterDelivery_ListsOrderWithResendButton()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var (_, order) = await PaidAsync(shop, 65, CatalogSeed.Text(), "charge-list");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        api.EnqueueText(65, "/purchases");
        var list = await api.WaitForTextAsync(65, t => t.StartsWith("🛍"));
        Assert.Contains(order.Code, list);
        var call = api.CallsOf("sendMessage").Last(b => b["text"]!.ToString().StartsWith("🛍"));
        Assert.Contains($"dl:{order.Id}", call["reply_markup"]!.ToJsonString());

        var tap = api.Enqueue(Updates.Callback(65, $"dl:{order.Id}"));
        await api.WaitForCallAsync("answerCallbackQuery", b => b["callback_query_id"]?.ToString() == $"cbq-{tap}");
        Assert.Equal(2, api.SentTexts(65).Count(t => t.StartsWith("<b>Launch checklist</b>")));

        // Somebody else's order cannot be fetched.
        api.Enqueue(Updates.Callback(66, $"dl:{order.Id}"));
        await api.WaitForCallAsync("answerCallbackQuery", b => b["text"]?.ToString() == "That purchase is not yours.");
    }

    /// <summary>
    /// On PostgreSQL a restarted instance cannot tell a dead worker's Running job from one another instance is
    /// running right now: only the lease hands it over, so the restart tests use a short one there.
    /// </summary>
    private static void ShortLeaseOnPostgres(StarsAppFactory app)
    {
        if (TestDatabase.AppsOnPostgres) app.With("Delivery:LeaseSeconds", "5");
    }

    private Task<StarsStudio.Data.StarsDbContext> OpenDbAsync() => Task.FromResult(TestDatabase.Open(dataDirectory));
}
