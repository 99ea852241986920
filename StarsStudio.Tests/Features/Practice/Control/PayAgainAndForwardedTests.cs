using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Control;

/// <summary>
/// As on Telegram, an invoice can be paid more than once: again by the same buyer once a payment has completed,
/// and by another buyer it was forwarded to (tdlib/telegram-bot-api#603). Driven through the control API.
/// </summary>
public sealed class PayAgainAndForwardedTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly PracticeAppFactory app = new();
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        app.Start();
        http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PayOverHttp(long botId, long userId, object body) =>
        http.PostAsJsonAsync($"/practice/control/bots/{botId}/buyers/{userId}/pay", body);

    /// <summary>Messages the bot got while waiting for a pre_checkout_query (a payment can complete meanwhile).</summary>
    private readonly List<Message> received = [];

    /// <summary>Plays the bot: approves the next pre_checkout_query, confirms what came before it, and returns it.</summary>
    private async Task<PreCheckoutQuery> ApproveNextAsync(PracticeTestBot bot)
    {
        // Only an earlier payment's message may be there at first: the buyer's tap has not reached the emulator yet.
        Update[] updates = [];
        var update = await Eventually.WithinAsync(async () => (updates = await bot.Client.GetUpdates(timeout: 20)).FirstOrDefault(u => u.PreCheckoutQuery is not null),
            found => found is not null, seconds: 20);
        Assert.True(update is not null, "no pre_checkout_query within 20 s");
        received.AddRange(updates.Where(u => u.Id < update.Id).Select(u => u.Message).OfType<Message>());
        await bot.Client.GetUpdates(offset: update.Id + 1);
        await bot.Client.AnswerPreCheckoutQuery(update.PreCheckoutQuery!.Id);
        return update.PreCheckoutQuery;
    }

    private static async Task<PaymentOutcome> OutcomeAsync(Task<HttpResponseMessage> paying)
    {
        var response = await paying;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaymentOutcome>(Json))!;
    }

    /// <summary>Every successful_payment the bot got, in order, confirming what is left.</summary>
    private async Task<List<Message>> PaymentsReceivedAsync(PracticeTestBot bot)
    {
        var updates = await bot.Client.GetUpdates();
        if (updates.Length > 0) await bot.Client.GetUpdates(offset: updates[^1].Id + 1);
        return [.. received.Concat(updates.Select(u => u.Message).OfType<Message>()).Where(m => m.SuccessfulPayment is not null)];
    }

    [Fact]
    public async Task Pay_InvoiceAlreadyPaid_ChargesAgainWithItsOwnChargeIdAndTransaction()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 20);
        var invoice = await bot.Client.SendInvoice(buyer.UserId, "Pro checklist", "A 40-point launch checklist", "order-1", "XTR", [new LabeledPrice("Checklist", 5)]);

        var firstPaying = PayOverHttp(bot.BotId, buyer.UserId, new { messageId = invoice.MessageId });
        await ApproveNextAsync(bot);
        var first = await OutcomeAsync(firstPaying);
        Assert.Equal(PaymentStatus.Paid, first.Status);
        Assert.Equal(1, (await app.Control.ChatAsync(bot.BotId, buyer.UserId)).Single(m => m.MessageId == invoice.MessageId).Invoice!.TimesPaid);

        var secondPaying = PayOverHttp(bot.BotId, buyer.UserId, new { messageId = invoice.MessageId });
        var again = await ApproveNextAsync(bot);
        Assert.Equal("order-1", again.InvoicePayload);
        var second = await OutcomeAsync(secondPaying);
        Assert.Equal(PaymentStatus.Paid, second.Status);

        Assert.NotEqual(first.ChargeId, second.ChargeId);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Equal(10, (await bot.Client.GetMyStarBalance()).Amount);
        var transactions = (await bot.Client.GetStarTransactions()).Transactions;
        Assert.Equal([first.ChargeId, second.ChargeId], transactions.Select(t => t.Id));
        Assert.All(transactions, t => Assert.Equal("order-1", Assert.IsType<TransactionPartnerUser>(t.Source).InvoicePayload));
        var payments = await PaymentsReceivedAsync(bot);
        Assert.Equal([first.ChargeId, second.ChargeId], payments.Select(m => m.SuccessfulPayment!.TelegramPaymentChargeId));
        var chat = await http.GetStringAsync($"/practice/control/bots/{bot.BotId}/buyers/{buyer.UserId}/chat");
        Assert.Contains("\"timesPaid\":2", chat);
    }

    [Fact]
    public async Task Pay_InvoiceForwardedByAnotherBuyer_PayerIsTheNewBuyerWithTheOriginalPayloadAndAmount()
    {
        var (bot, ann) = await app.NewBotWithBuyerAsync(stars: 5);
        var bob = await app.Control.CreateBuyerAsync(bot.BotId, "Bob", "bob_forwarded", "en", 12);
        var invoice = await bot.Client.SendInvoice(ann.UserId, "Pro checklist", "A 40-point launch checklist", "order-ann", "XTR", [new LabeledPrice("Checklist", 5)]);

        var bobPaying = PayOverHttp(bot.BotId, bob.UserId, new { messageId = invoice.MessageId, fromChatId = ann.UserId });
        var query = await ApproveNextAsync(bot);
        Assert.Equal(bob.UserId, query.From.Id);
        Assert.Equal("order-ann", query.InvoicePayload);
        Assert.Equal(5, query.TotalAmount);
        var bobs = await OutcomeAsync(bobPaying);
        Assert.Equal(PaymentStatus.Paid, bobs.Status);

        // Ann pays her own invoice too: two payments of one invoice, by two buyers.
        var annPaying = PayOverHttp(bot.BotId, ann.UserId, new { messageId = invoice.MessageId });
        Assert.Equal(ann.UserId, (await ApproveNextAsync(bot)).From.Id);
        var anns = await OutcomeAsync(annPaying);
        Assert.Equal(PaymentStatus.Paid, anns.Status);
        Assert.NotEqual(bobs.ChargeId, anns.ChargeId);

        var payments = await PaymentsReceivedAsync(bot);
        Assert.Equal(2, payments.Count);
        var bobsPayment = payments.Single(m => m.SuccessfulPayment!.TelegramPaymentChargeId == bobs.ChargeId);
        Assert.Equal(bob.UserId, bobsPayment.From!.Id);
        Assert.Equal(bob.UserId, bobsPayment.Chat.Id);
        Assert.Equal("order-ann", bobsPayment.SuccessfulPayment!.InvoicePayload);
        Assert.Equal(5, bobsPayment.SuccessfulPayment.TotalAmount);

        Assert.Equal(7, (await app.Control.GetBuyerAsync(bot.BotId, bob.UserId)).Stars);
        Assert.Equal(0, (await app.Control.GetBuyerAsync(bot.BotId, ann.UserId)).Stars);
        var sources = (await bot.Client.GetStarTransactions()).Transactions.Select(t => Assert.IsType<TransactionPartnerUser>(t.Source)).ToList();
        Assert.Equal([bob.UserId, ann.UserId], sources.Select(s => s.User.Id));
        Assert.All(sources, s => Assert.Equal("order-ann", s.InvoicePayload));
        Assert.Contains(await app.Control.ChatAsync(bot.BotId, bob.UserId), m => m.ServiceText == "You paid ⭐5");
        // A refund goes to whoever paid.
        await bot.Client.RefundStarPayment(bob.UserId, bobs.ChargeId!);
        Assert.Equal(12, (await app.Control.GetBuyerAsync(bot.BotId, bob.UserId)).Stars);
    }

    [Fact]
    public async Task Pay_ForwardedWithoutAnInvoiceOfTheOtherBuyer_400WithAReason()
    {
        var (bot, ann) = await app.NewBotWithBuyerAsync(stars: 5);
        var bob = await app.Control.CreateBuyerAsync(bot.BotId, "Bob", null, "en", 5);
        var bobsInvoice = await bot.Client.SendInvoice(bob.UserId, "Pack", "Credits", "order-bob", "XTR", [new LabeledPrice("Pack", 1)]);

        var noMessage = await PayOverHttp(bot.BotId, bob.UserId, new { fromChatId = ann.UserId });
        Assert.Equal(HttpStatusCode.BadRequest, noMessage.StatusCode);
        Assert.Contains("needs the messageId", await noMessage.Content.ReadAsStringAsync());
        // Bob's own invoice is not in Ann's chat.
        var notAnns = await PayOverHttp(bot.BotId, bob.UserId, new { messageId = bobsInvoice.MessageId, fromChatId = ann.UserId });
        Assert.Equal(HttpStatusCode.BadRequest, notAnns.StatusCode);
        Assert.Contains("is not an invoice in this chat", await notAnns.Content.ReadAsStringAsync());
        var nobody = await PayOverHttp(bot.BotId, bob.UserId, new { messageId = bobsInvoice.MessageId, fromChatId = 42 });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("has no buyer 42", await nobody.Content.ReadAsStringAsync());
        Assert.Equal(5, (await app.Control.GetBuyerAsync(bot.BotId, bob.UserId)).Stars);
    }
}
