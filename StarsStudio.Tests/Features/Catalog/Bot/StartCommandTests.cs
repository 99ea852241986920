using StarsStudio.Features.Payments;
using StarsStudio.Tests.Features.Reports;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Catalog.Bot;

/// <summary>
/// /start with a deep link, through the real app and a Bot API over HTTP: the invoice alone where the action allows
/// it (one message per purchase less), the card with Buy where questions come first or the creator chose the card.
/// </summary>
public sealed class StartCommandTests : IAsyncLifetime
{
    private LocalShop shop = null!;

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    private IEnumerable<string> Calls(long chat) =>
        shop.Api.Calls.Where(c => c.Body["chat_id"]?.ToString() == chat.ToString()).Select(c => c.Method);

    [Fact]
    public async Task DeepLink_InvoiceFirstAction_AnswersWithTheInvoiceAsTheOnlyMessage()
    {
        const long buyer = 7101;
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: "pack", price: 5));
        Assert.True(action.DeepLinkOpensInvoice);

        shop.Api.EnqueueText(buyer, "/start pack");
        var invoice = await shop.Api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == buyer.ToString());

        Assert.Equal(action.Terms.Title, invoice["title"]!.GetValue<string>());
        Assert.Equal(action.Terms.Description, invoice["description"]!.GetValue<string>());
        Assert.True(InvoicePayloadSigner.TryReadOrderId(invoice["payload"]!.GetValue<string>(), out var orderId));
        await shop.WaitForOrderAsync(orderId, o => o.Status == OrderStatus.InvoiceSent);
        // The handler sends the invoice last, so by now the chat holds everything /start sent: that one message.
        Assert.Equal(["sendInvoice"], Calls(buyer).Where(m => m.StartsWith("send")));
    }

    [Fact]
    public async Task DeepLink_ActionWithQuestions_ShowsTheCardThenTheQuestionsBeforeTheInvoice()
    {
        const long buyer = 7102;
        var action = await CatalogSeed.LiveAsync(shop.App, ReportTemplateTests.ReportForm());
        Assert.True(action.DeepLinkOpensInvoice); // the setting is on, but questions come first

        shop.Api.EnqueueText(buyer, "/start plan");
        var card = await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == buyer.ToString()
            && b["reply_markup"]?.ToJsonString().Contains($"buy:{action.Id}") == true);
        Assert.Contains(action.Terms.Title, card["text"]!.GetValue<string>());
        Assert.DoesNotContain("sendInvoice", Calls(buyer));

        shop.Api.Enqueue(Updates.Callback(buyer, $"buy:{action.Id}"));
        await shop.Api.WaitForTextAsync(buyer, t => t.StartsWith("❓ 1/3: Your name?"));
        Assert.DoesNotContain("sendInvoice", Calls(buyer));
    }

    [Fact]
    public async Task DeepLink_CreatorChoseTheCard_CardThenBuyGivesTheInvoice()
    {
        const long buyer = 7103;
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: "carded", price: 5), f => f.DeepLinkOpensInvoice = false);

        shop.Api.EnqueueText(buyer, "/start carded");
        await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == buyer.ToString()
            && b["reply_markup"]?.ToJsonString().Contains($"buy:{action.Id}") == true);
        Assert.DoesNotContain("sendInvoice", Calls(buyer));

        var (invoice, order) = await shop.BuyAsync(buyer, action);
        Assert.Equal(OrderStatus.InvoiceSent, order.Status);
        Assert.Equal(action.Terms.Title, invoice["title"]!.GetValue<string>());
    }
}
