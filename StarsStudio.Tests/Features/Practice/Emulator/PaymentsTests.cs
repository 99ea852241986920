using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>Invoices, the pay → pre_checkout_query → successful_payment sequence, refunds and the Star ledger.</summary>
/// <remarks>One app for the class: every test works through a practice bot of its own.</remarks>
public sealed class PaymentsTests(SharedPracticeApp shared) : IClassFixture<SharedPracticeApp>
{
    private readonly PracticeAppFactory app = shared.App;

    private static Task<Message> SendInvoice(PracticeTestBot bot, long chatId, int stars = 5, string payload = "order-1") =>
        bot.Client.SendInvoice(chatId, "Pro checklist", "A 40-point launch checklist", payload, "XTR", [new LabeledPrice("Checklist", stars)]);

    /// <summary>Plays the bot's side: waits for the pre_checkout_query and answers it.</summary>
    private static async Task<PreCheckoutQuery> AnswerNextPreCheckoutAsync(PracticeTestBot bot, string? errorMessage = null)
    {
        // An earlier payment's successful_payment can be pending before the buyer's next tap reaches the emulator.
        var update = await Eventually.WithinAsync(async () => (await bot.Client.GetUpdates(timeout: 20)).FirstOrDefault(u => u.PreCheckoutQuery is not null),
            found => found is not null, seconds: 20);
        Assert.True(update is not null, "no pre_checkout_query within 20 s");
        await bot.Client.GetUpdates(offset: update.Id + 1);
        await bot.Client.AnswerPreCheckoutQuery(update.PreCheckoutQuery!.Id, errorMessage);
        return update.PreCheckoutQuery;
    }

    [Fact]
    public async Task Pay_ApprovedWithEnoughStars_ChargesAndDeliversSuccessfulPayment()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 12);
        var invoice = await SendInvoice(bot, buyer.UserId);
        Assert.Equal(5, invoice.Invoice!.TotalAmount);
        Assert.Equal("XTR", invoice.Invoice.Currency);

        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = await AnswerNextPreCheckoutAsync(bot);
        Assert.Equal("order-1", query.InvoicePayload);
        Assert.Equal(5, query.TotalAmount);
        Assert.Equal(buyer.UserId, query.From.Id);
        var outcome = await paying;

        Assert.Equal(PaymentStatus.Paid, outcome.Status);
        Assert.StartsWith("stx", outcome.ChargeId);
        var message = (await bot.Client.GetUpdates()).Single().Message!;
        var payment = message.SuccessfulPayment!;
        Assert.Equal("XTR", payment.Currency);
        Assert.Equal(5, payment.TotalAmount);
        Assert.Equal("order-1", payment.InvoicePayload);
        Assert.Equal(outcome.ChargeId, payment.TelegramPaymentChargeId);
        Assert.False(string.IsNullOrEmpty(payment.ProviderPaymentChargeId));
        Assert.Equal(buyer.UserId, message.From!.Id);

        Assert.Equal(7, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        var balance = await bot.Client.GetMyStarBalance();
        Assert.Equal(5, balance.Amount);
        Assert.Contains(await app.Control.ChatAsync(bot.BotId, buyer.UserId), m => m.ServiceText == "You paid ⭐5");
    }

    [Fact]
    public async Task Pay_SecondTapWhileThePaymentIsOpen_RefusedAndChargedOnce()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 12);
        var invoice = await SendInvoice(bot, buyer.UserId);

        var first = app.Control.PayAsync(bot.BotId, buyer.UserId, invoice.Id);
        var update = (await bot.Client.GetUpdates(timeout: 20)).First(u => u.PreCheckoutQuery is not null); // the first sheet is open
        var second = await app.Control.PayAsync(bot.BotId, buyer.UserId, invoice.Id);
        Assert.Equal(PaymentStatus.Rejected, second.Status);
        Assert.Contains("already in progress", second.Message);

        await bot.Client.GetUpdates(offset: update.Id + 1);
        await bot.Client.AnswerPreCheckoutQuery(update.PreCheckoutQuery!.Id);
        Assert.Equal(PaymentStatus.Paid, (await first).Status);
        Assert.Equal(7, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Single((await bot.Client.GetStarTransactions()).Transactions);
    }

    [Fact]
    public async Task Pay_SameInvoiceTwice_ChargesTwiceWithFreshChargeIds()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await SendInvoice(bot, buyer.UserId);
        var first = app.Control.PayAsync(bot.BotId, buyer.UserId);
        await AnswerNextPreCheckoutAsync(bot);
        var second = app.Control.PayAsync(bot.BotId, buyer.UserId);
        await AnswerNextPreCheckoutAsync(bot);
        Assert.NotEqual((await first).ChargeId, (await second).ChargeId);
        Assert.Equal(0, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
    }

    [Fact]
    public async Task Pay_NotEnoughStars_AsksForTopUpWithoutPreCheckoutThenTopUpWorks()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 0);
        await SendInvoice(bot, buyer.UserId);
        var outcome = await app.Control.PayAsync(bot.BotId, buyer.UserId);
        Assert.Equal(PaymentStatus.NeedsTopUp, outcome.Status);
        Assert.Contains("top up", outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await bot.Client.GetUpdates());

        Assert.Equal(100, (await app.Control.TopUpAsync(bot.BotId, buyer.UserId, 100)).Stars);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        await AnswerNextPreCheckoutAsync(bot);
        Assert.Equal(PaymentStatus.Paid, (await paying).Status);
    }

    [Fact]
    public async Task Pay_BotDeclines_BuyerSeesErrorMessageAndNothingIsCharged()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await SendInvoice(bot, buyer.UserId);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        await AnswerNextPreCheckoutAsync(bot, "This item is sold out.");
        var outcome = await paying;
        Assert.Equal(PaymentStatus.Rejected, outcome.Status);
        Assert.Equal("This item is sold out.", outcome.Message);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Contains(await app.Control.ChatAsync(bot.BotId, buyer.UserId), m => m.Kind == PracticeMessageKind.Notice && m.Text == "This item is sold out.");
    }

    [Fact]
    public async Task AnswerPreCheckoutQuery_OkFalseWithoutErrorMessage_BadRequest()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await SendInvoice(bot, buyer.UserId);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = (await bot.Client.GetUpdates(timeout: 20)).Single().PreCheckoutQuery!;
        var response = await app.Http.PostAsJsonAsync($"{app.BaseUrl}/practice/bot{bot.Token}/answerPreCheckoutQuery",
            new { pre_checkout_query_id = query.Id, ok = false });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request: error_message is empty", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["description"]!);
        await bot.Client.AnswerPreCheckoutQuery(query.Id);
        Assert.Equal(PaymentStatus.Paid, (await paying).Status);
        // Telegram's wording on the wire: the Bot API server rewrites tdlib's QUERY_ID_INVALID to this sentence.
        const string tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid";
        var repeated = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.AnswerPreCheckoutQuery(query.Id));
        Assert.Equal(400, repeated.ErrorCode);
        Assert.Equal(tooOld, repeated.Message);
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.AnswerPreCheckoutQuery("12345"));
        Assert.Equal(tooOld, unknown.Message);
    }

    public static TheoryData<string, object> InvalidInvoices => new()
    {
        { "Bad Request: INVOICE_TITLE_INVALID", new { title = new string('t', 33) } },
        { "Bad Request: INVOICE_TITLE_INVALID", new { title = "" } },
        { "Bad Request: INVOICE_DESCRIPTION_INVALID", new { description = new string('d', 256) } },
        { "Bad Request: INVOICE_PAYLOAD_INVALID", new { payload = new string('é', 65) } },
        { "Bad Request: PAYMENT_PROVIDER_INVALID", new { currency = "USD" } },
        { "Bad Request: PAYMENT_PROVIDER_INVALID", new { provider_token = "284685063:TEST:abc" } },
        { "Bad Request: STARS_INVOICE_INVALID", new { max_tip_amount = 5 } },
        { "Bad Request: STARS_INVOICE_INVALID", new { suggested_tip_amounts = new[] { 1, 2 } } },
        { "Bad Request: STARS_INVOICE_INVALID", new { prices = new[] { new { label = "a", amount = 1 }, new { label = "b", amount = 2 } } } },
        { "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID", new { prices = new[] { new { label = "a", amount = 0 } } } },
    };

    [Theory]
    [MemberData(nameof(InvalidInvoices))]
    public async Task SendInvoice_BreaksAStarsRule_TelegramError(string expected, object change)
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var body = new JsonObject
        {
            ["chat_id"] = buyer.UserId, ["title"] = "Checklist", ["description"] = "A checklist", ["payload"] = "p-1", ["currency"] = "XTR",
            ["prices"] = new JsonArray(new JsonObject { ["label"] = "Checklist", ["amount"] = 5 }),
        };
        foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(change)!.AsObject()) body[key] = value?.DeepClone();
        foreach (var method in new[] { "sendInvoice", "createInvoiceLink" })
        {
            var response = await app.Http.PostAsync($"{app.BaseUrl}/practice/bot{bot.Token}/{method}",
                new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(expected, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["description"]!);
        }
    }

    [Fact]
    public async Task SendInvoice_RealClientWithTips_StarsInvoiceInvalid()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendInvoice(buyer.UserId, "Tip jar", "Tips", "p", "XTR",
            [new LabeledPrice("Tip", 5)], maxTipAmount: 10, suggestedTipAmounts: [5]));
        Assert.Equal("Bad Request: STARS_INVOICE_INVALID", e.Message);
        var payload128 = new string('p', 128);
        Assert.NotNull((await bot.Client.SendInvoice(buyer.UserId, new string('t', 32), new string('d', 255), payload128, "XTR", [new LabeledPrice("x", 1)])).Invoice);
    }

    [Fact]
    public async Task SendInvoice_KeyboardWithoutPayFirst_ReplyMarkupBuyEmpty()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendInvoice(buyer.UserId, "Pack", "Credits", "p", "XTR",
            [new LabeledPrice("Pack", 3)], replyMarkup: new Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup([[Telegram.Bot.Types.ReplyMarkups.InlineKeyboardButton.WithCallbackData("Later", "later")]])));
        Assert.Equal("Bad Request: REPLY_MARKUP_BUY_EMPTY", e.Message);
        var sent = await bot.Client.SendInvoice(buyer.UserId, "Pack", "Credits", "p", "XTR", [new LabeledPrice("Pack", 3)],
            replyMarkup: new Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup([[Telegram.Bot.Types.ReplyMarkups.InlineKeyboardButton.WithPay("Pay ⭐3")]]));
        Assert.True((await app.Control.ChatAsync(bot.BotId, buyer.UserId)).Single(m => m.MessageId == sent.MessageId).Buttons[0][0].Pay);
    }

    [Fact]
    public async Task CreateInvoiceLink_PaidByBuyer_DeliversSuccessfulPayment()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 50);
        var link = await bot.Client.CreateInvoiceLink("Credits", "20 credits", "link-1", "XTR", [new LabeledPrice("Credits", 20)]);
        Assert.StartsWith("https://t.me/$", link);
        var paying = app.Control.PayInvoiceLinkAsync(bot.BotId, buyer.UserId, link);
        await AnswerNextPreCheckoutAsync(bot);
        Assert.Equal(PaymentStatus.Paid, (await paying).Status);
        var payment = (await bot.Client.GetUpdates()).Single().Message!.SuccessfulPayment!;
        Assert.Equal("link-1", payment.InvoicePayload);
    }

    [Fact]
    public async Task RefundStarPayment_Twice_SecondIsChargeAlreadyRefunded()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 5);
        await SendInvoice(bot, buyer.UserId);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        await AnswerNextPreCheckoutAsync(bot);
        var charge = (await paying).ChargeId!;
        await bot.Client.GetUpdates(offset: (await bot.Client.GetUpdates()).Last().Id + 1);

        await bot.Client.RefundStarPayment(buyer.UserId, charge);
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.RefundStarPayment(buyer.UserId, charge));
        Assert.Equal(400, twice.ErrorCode);
        Assert.Equal("Bad Request: CHARGE_ALREADY_REFUNDED", twice.Message);

        Assert.Equal(5, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Equal(0, (await bot.Client.GetMyStarBalance()).Amount);
        var refund = (await bot.Client.GetUpdates()).Single().Message!;
        Assert.Equal(bot.BotId, refund.From!.Id);
        Assert.Equal(buyer.UserId, refund.Chat.Id);
        Assert.Equal(charge, refund.RefundedPayment!.TelegramPaymentChargeId);
        Assert.Equal(5, refund.RefundedPayment.TotalAmount);
        Assert.Equal("order-1", refund.RefundedPayment.InvoicePayload);
        Assert.Contains(await app.Control.ChatAsync(bot.BotId, buyer.UserId), m => m.ServiceText == "Refunded ⭐5");
    }

    [Fact]
    public async Task RefundStarPayment_BadArguments_TelegramErrors()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 5);
        var empty = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.RefundStarPayment(buyer.UserId, ""));
        Assert.Equal("Bad Request: CHARGE_ID_EMPTY", empty.Message);
        var unknownCharge = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.RefundStarPayment(buyer.UserId, "stxNope"));
        Assert.Equal("Bad Request: CHARGE_NOT_FOUND", unknownCharge.Message);
        var unknownUser = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.RefundStarPayment(99, "stxNope"));
        Assert.Equal("Bad Request: USER_ID_INVALID", unknownUser.Message);
    }

    [Fact]
    public async Task StarLedger_MixOfPaymentsAndRefunds_BalanceAndTransactionsAgree()
    {
        var (bot, ann) = await app.NewBotWithBuyerAsync(stars: 100);
        var bob = await app.Control.CreateBuyerAsync(bot.BotId, "Bob", null, "de", 100);
        var charges = new List<(long User, string Charge, int Stars)>();
        foreach (var (user, stars) in new[] { (ann.UserId, 5), (bob.UserId, 20), (ann.UserId, 7), (bob.UserId, 1) })
        {
            await SendInvoice(bot, user, stars, $"p-{stars}");
            var paying = app.Control.PayAsync(bot.BotId, user);
            await AnswerNextPreCheckoutAsync(bot);
            charges.Add((user, (await paying).ChargeId!, stars));
        }
        await bot.Client.RefundStarPayment(bob.UserId, charges[1].Charge);
        await bot.Client.RefundStarPayment(ann.UserId, charges[2].Charge);

        Assert.Equal(5 + 1, (await bot.Client.GetMyStarBalance()).Amount);
        Assert.Equal(95, (await app.Control.GetBuyerAsync(bot.BotId, ann.UserId)).Stars);
        Assert.Equal(99, (await app.Control.GetBuyerAsync(bot.BotId, bob.UserId)).Stars);

        var transactions = (await bot.Client.GetStarTransactions()).Transactions;
        Assert.Equal(6, transactions.Length);
        var incoming = transactions.Where(t => t.Source is not null).ToList();
        var outgoing = transactions.Where(t => t.Receiver is not null).ToList();
        Assert.Equal(charges.Select(c => c.Charge), incoming.Select(t => t.Id));
        Assert.Equal([charges[1].Charge, charges[2].Charge], outgoing.Select(t => t.Id));
        Assert.Equal(incoming.Sum(t => t.Amount) - outgoing.Sum(t => t.Amount), (await bot.Client.GetMyStarBalance()).Amount);
        var source = Assert.IsType<TransactionPartnerUser>(incoming[1].Source);
        Assert.Equal(bob.UserId, source.User.Id);
        Assert.Equal("p-20", source.InvoicePayload);
        Assert.Equal(bob.UserId, Assert.IsType<TransactionPartnerUser>(outgoing[0].Receiver).User.Id);

        var page = (await bot.Client.GetStarTransactions(offset: 4, limit: 1)).Transactions;
        Assert.Equal(charges[1].Charge, Assert.Single(page).Id);
    }
}
