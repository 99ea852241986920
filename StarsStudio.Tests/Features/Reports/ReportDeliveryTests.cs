using StarsStudio.Features.Payments.Lifecycle;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Reports;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reports;

public sealed class ReportDeliveryTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private LocalServiceEndpoint endpoint = null!;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        api = await LocalBotApi.StartAsync();
        endpoint = await LocalServiceEndpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await endpoint.DisposeAsync();
        await api.DisposeAsync();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
    }

    /// <summary>Buy → answer every question (typed or tapped) → the invoice; returns the order behind it.</summary>
    private async Task<(string Payload, Order Order)> AnswerAndInvoiceAsync(LocalShop shop, long buyer, PaidAction action, params string[] answers)
    {
        var invoicesBefore = api.CallsOf("sendInvoice").Count();
        api.Enqueue(Updates.Callback(buyer, $"buy:{action.Id}"));
        for (var i = 0; i < answers.Length; i++)
        {
            var question = await api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == buyer.ToString() && b["text"]!.ToString().StartsWith($"❓ {i + 1}/"));
            var buttons = question["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(r => r!.AsArray()).ToList();
            var tap = buttons?.FirstOrDefault(b => b!["text"]!.ToString() == answers[i]);
            if (tap is not null) api.Enqueue(Updates.Callback(buyer, tap["callback_data"]!.ToString()));
            else api.EnqueueText(buyer, answers[i]);
        }
        await api.WaitForCallAsync("sendInvoice", _ => api.CallsOf("sendInvoice").Count() > invoicesBefore);
        var invoice = api.CallsOf("sendInvoice").Last(b => b["chat_id"]!.ToString() == buyer.ToString());
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True(InvoicePayloadSigner.TryReadOrderId(payload, out var orderId));
        return (payload, await shop.WaitForOrderAsync(orderId, o => o.Status == OrderStatus.InvoiceSent));
    }

    private static async Task PayAsync(LocalShop shop, long buyer, string payload, int stars, string charge)
    {
        Assert.True((await shop.PreCheckoutAsync(buyer, payload, stars)).Ok);
        shop.Pay(buyer, payload, stars, charge);
    }

    private PaidActionForm ServiceForm(LocalShop shop, bool withQuestion = true)
    {
        var (plain, protectedSecret) = shop.App.Service<ServiceSecrets>().Create();
        endpoint.Secret = plain;
        return new PaidActionForm
        {
            Name = "Horoscope", Slug = "horoscope", Kind = ActionKind.Service, PriceStars = 4,
            Promise = "a horoscope written for your sign", Title = "Horoscope", Description = "A horoscope for your sign, written by our service.",
            Questions = withQuestion ? [new QuestionForm { Key = "sign", Prompt = "Your sign?", Type = QuestionType.Choice, OptionsText = "Leo\nVirgo" }] : [],
            ServiceUrl = endpoint.Url, ProtectedServiceSecret = protectedSecret, ExpectedMinutes = 1,
        };
    }

    [Fact]
    public async Task Buy_ReportWithQuestions_ReasksInvalidAnswersThenInvoicesAndDeliversPdf()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ReportTemplateTests.ReportForm());
        const long buyer = 501;

        api.Enqueue(Updates.Callback(buyer, $"buy:{action.Id}"));
        await api.WaitForTextAsync(buyer, t => t.StartsWith("❓ 1/3: Your name?"));
        api.EnqueueText(buyer, new string('x', 51));
        await api.WaitForTextAsync(buyer, t => t.Contains("please keep it to 50"));
        api.EnqueueText(buyer, "Zelda");
        await api.WaitForTextAsync(buyer, t => t.StartsWith("❓ 2/3: How many weeks?"));
        api.EnqueueText(buyer, "many");
        await api.WaitForTextAsync(buyer, t => t.Contains("Please send a number"));
        await api.WaitForTextAsync(buyer, _ => api.SentTexts(buyer).Count(t => t.StartsWith("❓ 2/3")) == 2);
        api.EnqueueText(buyer, "4");
        var choice = await api.WaitForCallAsync("sendMessage", b => b["text"]!.ToString().StartsWith("❓ 3/3"));
        api.EnqueueText(buyer, "Expert");
        await api.WaitForTextAsync(buyer, t => t.Contains("Please tap one of the buttons"));
        var advanced = choice["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Single(b => b!["text"]!.ToString() == "Advanced");
        api.Enqueue(Updates.Callback(buyer, advanced!["callback_data"]!.ToString()));

        var invoice = await api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == buyer.ToString());
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True(InvoicePayloadSigner.TryReadOrderId(payload, out var orderId));
        await shop.WaitForOrderAsync(orderId, o => o.Status == OrderStatus.InvoiceSent);
        await using (var db = await shop.App.DbAsync())
        {
            var input = await db.OrderInputs.SingleAsync(i => i.OrderId == orderId);
            Assert.Equal("Zelda", input.Answers["name"]);
            Assert.Equal("4", input.Answers["weeks"]);
            Assert.Equal("Advanced", input.Answers["level"]);
            Assert.Empty(db.QuestionSessions);
        }

        await PayAsync(shop, buyer, payload, 5, "charge-report");
        var delivered = await shop.WaitForOrderAsync(orderId, o => o.Status == OrderStatus.Delivered);

        Assert.Equal("paid, delivered", delivered.Describe());
        Assert.Contains(api.SentTexts(buyer), t => t.Contains("paid, generating your report") && t.Contains("about 2 minutes"));
        var document = await api.WaitForCallAsync("sendDocument", b => b["chat_id"]!.ToString() == buyer.ToString());
        Assert.Equal("📄 Running plan", document["caption"]!.ToString());
        Assert.Contains(api.SentTexts(buyer), t => t.StartsWith($"🧾 Receipt · order {delivered.Code}") && t.Contains("your report (PDF)"));
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.Answers);
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.Delivered);
    }

    [Fact]
    public async Task Card_ReportAction_SaysQueuedAndHowLong()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ReportTemplateTests.ReportForm());

        api.Enqueue(Updates.Callback(502, $"act:{action.Id}"));
        var card = await api.WaitForTextAsync(502, t => t.Contains("Running plan"));

        Assert.Contains("queued, not instant", card);
        Assert.Contains("about 2 minutes", card);
        Assert.Contains("answer 3 questions", card);
    }

    [Fact]
    public async Task Deliver_ReportGenerationFails_DeliveryFailedSupportNeededAndRefundable()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ReportTemplateTests.ReportForm());
        const long buyer = 503;
        // A number the template loops over: far past the template's step limit, so generation cannot finish.
        var (payload, order) = await AnswerAndInvoiceAsync(shop, buyer, action, "Ann", "1000000", "Beginner");

        await PayAsync(shop, buyer, payload, 5, "charge-fails");
        var failed = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);

        Assert.Equal("paid, failed — support needed", failed.Describe());
        Assert.Contains("could not be generated", failed.Problem);
        Assert.Equal("charge-fails", failed.ChargeId);
        Assert.Contains(failed.Timeline(), e => e.Kind == OrderEventKind.DeliveryFailed);
        await api.WaitForTextAsync(buyer, t => t.Contains($"Order {order.Code}: paid, failed — support needed"));
        Assert.Empty(api.CallsOf("sendDocument"));
    }

    [Fact]
    public async Task Deliver_Service_SignedCallVerifiedAndTextRelayed()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ServiceForm(shop));
        endpoint.Answer = (_, _) => Task.FromResult(Results.Json(new { text = "Leo: a bright week ahead." }));
        const long buyer = 504;
        var (payload, order) = await AnswerAndInvoiceAsync(shop, buyer, action, "Leo");

        await PayAsync(shop, buyer, payload, 4, "charge-service");
        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        var call = Assert.Single(endpoint.Calls);
        Assert.True(call.SignatureValid);
        Assert.True(call.TimestampFresh);
        Assert.Equal(delivered.Code, call.IdempotencyKey);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(delivered.Code, body["order_code"]!.ToString());
        Assert.Equal("Leo", body["answers"]!["sign"]!.ToString());
        Assert.Equal("horoscope", body["action"]!["slug"]!.ToString());
        Assert.Equal(4, body["stars"]!.GetValue<int>());
        Assert.Equal("charge-service", body["charge_id"]!.ToString());
        Assert.Equal(buyer, body["buyer"]!["id"]!.GetValue<long>());
        Assert.Contains("Leo: a bright week ahead.", api.SentTexts(buyer));
    }

    [Fact]
    public async Task Deliver_ServiceFailsThenRecovers_RetriedWithTheSameIdempotencyKey()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ServiceForm(shop, withQuestion: false));
        endpoint.Answer = (n, _) => Task.FromResult(n == 1 ? Results.Text("busy", "text/plain", statusCode: 503) : Results.Text("Here you go", "text/plain"));
        const long buyer = 505;
        var (invoice, order) = await shop.BuyAsync(buyer, action);

        await PayAsync(shop, buyer, invoice["payload"]!.GetValue<string>(), 4, "charge-retry");
        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered, seconds: 40);

        Assert.Equal(2, endpoint.Calls.Count);
        Assert.All(endpoint.Calls, c => Assert.Equal(delivered.Code, c.IdempotencyKey));
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.DeliveryRetry && e.Detail.Contains("503"));
        Assert.Contains("Here you go", api.SentTexts(buyer));
        Assert.Single(api.SentTexts(buyer), t => t.Contains("paid, generating"));
    }

    [Fact]
    public async Task Deliver_ServiceAnswers4xx_DeliveryFailedWithTheEndpointsError()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ServiceForm(shop, withQuestion: false));
        endpoint.Answer = (_, _) => Task.FromResult(Results.Json(new { error = "unknown sign" }, statusCode: 422));
        const long buyer = 506;
        var (invoice, order) = await shop.BuyAsync(buyer, action);

        await PayAsync(shop, buyer, invoice["payload"]!.GetValue<string>(), 4, "charge-422");
        var failed = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.DeliveryFailed);

        Assert.Single(endpoint.Calls);
        Assert.Contains("422", failed.Problem);
        Assert.Contains("unknown sign", failed.Problem);
        Assert.Equal("paid, failed — support needed", failed.Describe());
        await api.WaitForTextAsync(buyer, t => t.Contains("paid, failed — support needed"));
    }

    [Fact]
    public async Task Deliver_ServiceReturnsAFile_SentAsDocument()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ServiceForm(shop, withQuestion: false));
        endpoint.Answer = (_, _) => Task.FromResult(Results.File("%PDF-1.4 tiny"u8.ToArray(), "application/pdf", "chart.pdf"));
        const long buyer = 507;
        var (invoice, order) = await shop.BuyAsync(buyer, action);

        await PayAsync(shop, buyer, invoice["payload"]!.GetValue<string>(), 4, "charge-file");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        var document = await api.WaitForCallAsync("sendDocument", b => b["chat_id"]!.ToString() == buyer.ToString());
        Assert.Equal("📎 Horoscope", document["caption"]!.ToString());
        Assert.Contains(api.SentTexts(buyer), t => t.Contains("the file chart.pdf"));
    }

    [Fact]
    public async Task Deliver_AppStoppedWhileServiceCallHangs_ResumedAfterRestartWithSameKey()
    {
        Order order;
        var release = new TaskCompletionSource();
        await using (var first = await LocalShop.StartAsync(api, dataDirectory))
        {
            var action = await CatalogSeed.LiveAsync(first.App, ServiceForm(first, withQuestion: false));
            endpoint.Answer = async (n, http) =>
            {
                if (n == 1) await Task.WhenAny(Task.Delay(Timeout.Infinite, http.RequestAborted), release.Task).ContinueWith(_ => { });
                return Results.Text("Resumed result", "text/plain");
            };
            var (invoice, o) = await first.BuyAsync(508, action);
            order = o;
            await PayAsync(first, 508, invoice["payload"]!.GetValue<string>(), 4, "charge-restart");
            await endpoint.WaitForCallAsync(1);
            Assert.Equal(OrderStatus.Delivering, (await first.OrderAsync(order.Id)).Status);
        }
        release.TrySetResult();

        await using var second = await LocalShop.StartAsync(api, dataDirectory);
        var delivered = await second.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        Assert.Equal(2, endpoint.Calls.Count);
        Assert.All(endpoint.Calls, c => Assert.Equal(order.Code, c.IdempotencyKey));
        Assert.Contains("Resumed result", api.SentTexts(508));
        Assert.Single(api.SentTexts(508), t => t.Contains("paid, generating"));
        await using var db = await second.App.DbAsync();
        Assert.Equal(JobStatus.Done, (await db.DeliveryJobs.SingleAsync()).Status);
        Assert.Equal("charge-restart", delivered.ChargeId);
    }

    [Fact]
    public async Task Deliver_AppStoppedWhileReportIsSent_ResumedAfterRestart()
    {
        Order order;
        await using (var first = await LocalShop.StartAsync(api, dataDirectory))
        {
            var action = await CatalogSeed.LiveAsync(first.App, ReportTemplateTests.ReportForm());
            api.FailMethod("sendDocument", "hang", 1);
            var (payload, o) = await AnswerAndInvoiceAsync(first, 509, action, "Ann", "2", "Beginner");
            order = o;
            await PayAsync(first, 509, payload, 5, "charge-report-restart");
            await api.WaitForCallAsync("sendDocument", b => b["chat_id"]!.ToString() == "509");
        }

        await using var second = await LocalShop.StartAsync(api, dataDirectory);
        var delivered = await second.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        Assert.Equal(2, api.CallsOf("sendDocument").Count(b => b["chat_id"]!.ToString() == "509"));
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.DeliveryAttempt && e.Detail.StartsWith("Delivery attempt 2"));
    }

    [Fact]
    public async Task PaidCommand_TemplatePerUse_RendersWithTheCommandInput()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var form = CatalogSeed.Command(slug: "greet", uses: 2);
        form.CommandName = "greet";
        form.CommandReply = null;
        form.CommandMode = CommandMode.Template;
        form.Template = "**Hello, {{ input | default: 'friend' }}!**";
        form.OutputPdf = false;
        form.OutputMessage = true;
        var action = await CatalogSeed.LiveAsync(shop.App, form);
        var (invoice, order) = await shop.BuyAsync(510, action);
        await PayAsync(shop, 510, invoice["payload"]!.GetValue<string>(), form.PriceStars, "charge-greet");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        api.EnqueueText(510, "/greet Marta");

        await api.WaitForTextAsync(510, t => t == "<b>Hello, Marta!</b>");
        await api.WaitForTextAsync(510, t => t.Contains("1 use left"));
    }

    [Fact]
    public async Task Cancel_MidQuestions_StopsWithoutInvoiceAndTextGoesToHelpAgain()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, ReportTemplateTests.ReportForm());
        const long buyer = 511;
        api.Enqueue(Updates.Callback(buyer, $"buy:{action.Id}"));
        await api.WaitForTextAsync(buyer, t => t.StartsWith("❓ 1/3"));

        api.EnqueueText(buyer, "/cancel");
        await api.WaitForTextAsync(buyer, t => t.StartsWith("Stopped. Nothing was charged."));
        api.EnqueueText(buyer, "Zelda");
        await api.WaitForTextAsync(buyer, _ => api.SentTexts(buyer).Count() >= 4);

        Assert.DoesNotContain(api.SentTexts(buyer), t => t.StartsWith("❓ 2/3"));
        Assert.Empty(api.CallsOf("sendInvoice"));
        await using var db = await shop.App.DbAsync();
        Assert.Empty(db.QuestionSessions);
    }
}
