using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Offers;

/// <summary>
/// Codes and early-bird prices through the real app and a Bot API over HTTP: the card, the link, Buy, the invoice,
/// pre-checkout (an offer that ended while the invoice was open is refused), payment and refund.
/// </summary>
public sealed class LaunchOffersTests(SharedShop shared) : IClassFixture<SharedShop>
{
    private readonly LocalShop shop = shared.Shop;
    private readonly long Buyer = SharedShop.NewBuyer();
    private readonly long OtherBuyer = SharedShop.NewBuyer();
    private readonly string slug = SharedShop.NewSlug("offer");
    private readonly string codeName = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private Task<PaidAction> ActionAsync(int price = 60, bool card = true, Action<PaidActionForm>? tweak = null) =>
        CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: price), f => { f.DeepLinkOpensInvoice = !card; tweak?.Invoke(f); });

    private async Task<PromoCode> CodeAsync(PaidAction? action, Action<PromoCodeForm>? tweak = null, string? code = null)
    {
        var form = new PromoCodeForm { Code = code ?? codeName, ActionId = action?.Id, Kind = DiscountKind.Percent, Amount = 20, PerBuyerUses = null };
        tweak?.Invoke(form);
        var saved = await shop.App.Service<PromoCodeService>().SaveAsync(form, TimeZoneInfo.Utc, "test");
        Assert.True(saved.Succeeded, saved.Error);
        return saved.Code!;
    }

    private async Task UpdateCodeAsync(PromoCode code, Action<PromoCode> change)
    {
        await using var db = await shop.App.DbAsync();
        var row = await db.PromoCodes.FirstAsync(c => c.Id == code.Id);
        change(row);
        await db.SaveChangesAsync();
    }

    /// <summary>The buyer taps a Buy button carrying <paramref name="data"/>; returns the invoice and its order.</summary>
    private async Task<(JsonObject Invoice, Order Order)> TapBuyAsync(long buyer, string data)
    {
        var before = shop.Api.CallsOf("sendInvoice").Count(b => b["chat_id"]!.ToString() == buyer.ToString());
        shop.Api.Enqueue(Updates.Callback(buyer, data));
        await shop.Api.WaitForCallAsync("sendInvoice", _ => shop.Api.CallsOf("sendInvoice").Count(b => b["chat_id"]!.ToString() == buyer.ToString()) > before);
        var invoice = shop.Api.CallsOf("sendInvoice").Last(b => b["chat_id"]!.ToString() == buyer.ToString());
        Assert.True(InvoicePayloadSigner.TryReadOrderId(invoice["payload"]!.GetValue<string>(), out var orderId));
        return (invoice, await shop.WaitForOrderAsync(orderId, o => o.Status != OrderStatus.Created));
    }

    private static int Amount(JsonObject invoice) => invoice["prices"]![0]!["amount"]!.GetValue<int>();
    private static string Payload(JsonObject invoice) => invoice["payload"]!.GetValue<string>();

    private async Task<Order> PayAsync(long buyer, JsonObject invoice, Order order)
    {
        Assert.True((await shop.PreCheckoutAsync(buyer, Payload(invoice), Amount(invoice))).Ok);
        shop.Pay(buyer, Payload(invoice), Amount(invoice), "charge-" + Guid.NewGuid().ToString("N"));
        return await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
    }

    private Task<JsonObject> CardAsync(long buyer, Func<string, bool> text) =>
        shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == buyer.ToString() && text(b["text"]!.GetValue<string>()));

    private static string BuyData(JsonObject message) =>
        message["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();

    [Fact]
    public async Task DeepLinkWithCode_CardShowsBothPrices_InvoiceCarriesTheDiscountAndTheOrderTheCode()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action);
        shop.Api.EnqueueText(Buyer, $"/start {slug}--{code.Code.ToLowerInvariant()}");

        var card = await CardAsync(Buyer, t => t.Contains("50 credits") && t.Contains("⭐48 instead of ⭐60"));
        Assert.Equal($"buy:{action.Id}:{code.Code}", BuyData(card));
        var (invoice, order) = await TapBuyAsync(Buyer, BuyData(card));
        Assert.Equal(48, Amount(invoice));
        Assert.Contains(code.Code, invoice["prices"]![0]!["label"]!.GetValue<string>());
        Assert.Equal(code.Id, order.PromoCodeId);
        Assert.Equal(60, order.ListStars);

        var paid = await PayAsync(Buyer, invoice, order);
        Assert.Equal(48, paid.Stars);
        var row = await shop.App.Service<PromoCodeService>().GetAsync(code.Id, StarsStudio.Bot.DataView.Live);
        Assert.Equal(1, row!.Paid);
        Assert.Equal(48, row.StarsEarned);
    }

    [Fact]
    public async Task BuyWithCode_ReportThatAsksQuestionsFirst_InvoiceAfterTheLastAnswerKeepsTheCode()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, StarsStudio.Tests.Features.Reports.ReportTemplateTests.ReportForm(), f => { f.Slug = slug; f.PriceStars = 60; });
        var code = await CodeAsync(action);

        shop.Api.Enqueue(Updates.Callback(Buyer, $"buy:{action.Id}:{code.Code}"));
        await shop.Api.WaitForTextAsync(Buyer, t => t.StartsWith("❓ 1/3"));
        shop.Api.EnqueueText(Buyer, "Zelda");
        await shop.Api.WaitForTextAsync(Buyer, t => t.StartsWith("❓ 2/3"));
        shop.Api.EnqueueText(Buyer, "4");
        var choice = await CardAsync(Buyer, t => t.StartsWith("❓ 3/3"));
        var advanced = choice["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Single(b => b!["text"]!.ToString() == "Advanced");
        shop.Api.Enqueue(Updates.Callback(Buyer, advanced!["callback_data"]!.ToString()));

        var invoice = await shop.Api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == Buyer.ToString());
        Assert.Equal(48, Amount(invoice));
        Assert.True(InvoicePayloadSigner.TryReadOrderId(Payload(invoice), out var orderId));
        var order = await shop.WaitForOrderAsync(orderId, o => o.Status != OrderStatus.Created);
        Assert.Equal(code.Id, order.PromoCodeId);
        Assert.Equal(60, order.ListStars);
        // The answers went to the report as they were; the code is not one of them.
        await using var db = await shop.App.DbAsync();
        var input = await db.OrderInputs.SingleAsync(i => i.OrderId == orderId);
        Assert.Equal(["level", "name", "weeks"], input.Answers.Keys.Order());
    }

    [Fact]
    public async Task StarsByCode_PaidOrdersWithCodes_SummedPerCodeAndABulkBatchAsOneLine()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        await PayAsync(Buyer, invoice, order);
        var prefix = codeName[..8];
        var batch = await shop.App.Service<PromoCodeService>().GenerateAsync(new PromoCodeForm { ActionId = action.Id, Kind = DiscountKind.FixedStars, Amount = 10 }, 3, prefix, TimeZoneInfo.Utc, "test");
        Assert.True(batch.Succeeded, batch.Error);
        await using (var db = await shop.App.DbAsync())
        {
            var single = await db.PromoCodes.AsNoTracking().Where(c => c.Batch == batch.Code!.Batch).Select(c => c.Code).Take(2).ToListAsync();
            foreach (var (buyer, one) in new[] { OtherBuyer, SharedShop.NewBuyer() }.Zip(single))
            {
                var (i, o) = await TapBuyAsync(buyer, $"buy:{action.Id}:{one}");
                await PayAsync(buyer, i, o);
            }
        }

        var totals = await shop.App.Service<PromoCodeService>().StarsByCodeAsync(StarsStudio.Bot.DataView.Live, top: 10_000);

        var typed = Assert.Single(totals, t => t.Label == code.Code);
        Assert.Equal((code.Id, 1, 48L, 12L), (typed.CodeId, typed.Orders, typed.Stars, typed.Discount));
        var bulk = Assert.Single(totals, t => t.Batch == batch.Code!.Batch);
        Assert.Equal((null, 2, 100L, 20L), (bulk.CodeId, bulk.Orders, bulk.Stars, bulk.Discount));
    }

    [Fact]
    public async Task DeepLinkWithCode_ActionOpeningWithTheInvoice_SendsTheDiscountedInvoice()
    {
        var action = await ActionAsync(price: 60, card: false);
        var code = await CodeAsync(action, f => { f.Kind = DiscountKind.FixedStars; f.Amount = 15; });
        shop.Api.EnqueueText(Buyer, $"/start {slug}--{code.Code}");
        var invoice = await shop.Api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == Buyer.ToString());
        Assert.Equal(45, Amount(invoice));
    }

    [Fact]
    public async Task DeepLinkWithUnknownCode_PlainMessageAndTheCardAtItsNormalPrice()
    {
        var action = await ActionAsync(price: 60);
        shop.Api.EnqueueText(Buyer, $"/start {slug}--NOSUCHCODE");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("We don't know the code NOSUCHCODE"));
        var card = await CardAsync(Buyer, t => t.Contains("Price: ⭐ 60"));
        Assert.Equal($"buy:{action.Id}", BuyData(card));
    }

    [Fact]
    public async Task StartWithSlugAndCode_Typed_AppliesTheCode()
    {
        await ActionAsync(price: 60);
        var code = await CodeAsync(null); // a code for every action
        shop.Api.EnqueueText(Buyer, $"/start {slug} {code.Code}");
        await CardAsync(Buyer, t => t.Contains("⭐48 instead of ⭐60"));
    }

    [Fact]
    public async Task CodeSentAfterTheCard_TheCardAgainWithTheCode_AndAnUnknownOneTheNormalCard()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(null);
        shop.Api.EnqueueText(Buyer, $"/start {slug}");
        await CardAsync(Buyer, t => t.Contains("Price: ⭐ 60"));

        shop.Api.EnqueueText(Buyer, "WRONGCODE1");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("We don't know the code WRONGCODE1"));
        shop.Api.EnqueueText(Buyer, code.Code.ToLowerInvariant());
        var card = await CardAsync(Buyer, t => t.Contains("⭐48 instead of ⭐60"));
        Assert.Equal($"buy:{action.Id}:{code.Code}", BuyData(card));
    }

    [Fact]
    public async Task CodeUsedUpWhileTheInvoiceWasOpen_RefusedAtPreCheckout_WithAFreshInvoiceButton()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action, f => f.TotalUses = 1);
        var (first, firstOrder) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        Assert.True((await shop.PreCheckoutAsync(Buyer, Payload(first), Amount(first))).Ok);
        // The buyer let the payment window pass (what the expiry worker records: back to InvoiceSent, the hold
        // released) while the invoice stays open; meanwhile another buyer takes the code's one use and pays.
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == firstOrder.Id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OrderStatus.InvoiceSent).SetProperty(o => o.ApprovedAt, DateTimeOffset.UtcNow.AddHours(-1)));
        var (second, secondOrder) = await TapBuyAsync(OtherBuyer, $"buy:{action.Id}:{code.Code}");
        Assert.Equal(48, Amount(second));
        await PayAsync(OtherBuyer, second, secondOrder);

        var refused = await shop.PreCheckoutAsync(Buyer, Payload(first), Amount(first));
        Assert.False(refused.Ok);
        Assert.Contains($"The code {code.Code} was used up", refused.Error);
        await shop.WaitForOrderAsync(firstOrder.Id, o => o.Status == OrderStatus.Rejected);
        var offer = await CardAsync(Buyer, t => t.Contains("Tap below for a fresh one"));
        Assert.Equal($"buy:{action.Id}", BuyData(offer));
        var (fresh, _) = await TapBuyAsync(Buyer, BuyData(offer));
        Assert.Equal(60, Amount(fresh));
    }

    [Theory]
    [InlineData("withdrawn")]
    [InlineData("expired")]
    public async Task CodeEndedWhileTheInvoiceWasOpen_RefusedAtPreCheckout(string how)
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        if (how == "withdrawn") await shop.App.Service<PromoCodeService>().WithdrawAsync(code.Id, "test");
        else await UpdateCodeAsync(code, c => c.EndsAt = DateTimeOffset.UtcNow.AddSeconds(-1));

        var refused = await shop.PreCheckoutAsync(Buyer, Payload(invoice), 48);
        Assert.False(refused.Ok);
        Assert.Contains($"The code {code.Code}", refused.Error);
        Assert.Contains(how, refused.Error);
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Rejected);
    }

    [Fact]
    public async Task EarlyBirdFirstNReachedWhileInvoicesAreOpen_TheLateOnesRefused()
    {
        var action = await ActionAsync(price: 60);
        Assert.Null(await shop.App.Service<PromoCodeService>().SaveEarlyBirdAsync(action.Id, 40, 2, null, TimeZoneInfo.Utc, "test"));
        var third = SharedShop.NewBuyer();
        shop.Api.EnqueueText(Buyer, $"/start {slug}");
        await CardAsync(Buyer, t => t.Contains("Early-bird price: ⭐40 instead of ⭐60 — 2 of 2 left"));

        var invoices = new List<(long Buyer, JsonObject Invoice, Order Order)>();
        foreach (var b in new[] { Buyer, OtherBuyer, third })
        {
            var (invoice, order) = await TapBuyAsync(b, $"buy:{action.Id}");
            Assert.Equal(40, Amount(invoice));
            Assert.True(order.EarlyBird);
            invoices.Add((b, invoice, order));
        }
        Assert.True((await shop.PreCheckoutAsync(invoices[0].Buyer, Payload(invoices[0].Invoice), 40)).Ok);
        Assert.True((await shop.PreCheckoutAsync(invoices[1].Buyer, Payload(invoices[1].Invoice), 40)).Ok);
        var late = await shop.PreCheckoutAsync(invoices[2].Buyer, Payload(invoices[2].Invoice), 40);
        Assert.False(late.Ok);
        Assert.Contains("early-bird units were all taken", late.Error);

        // The next buyer is offered the list price.
        var (after, _) = await TapBuyAsync(SharedShop.NewBuyer(), $"buy:{action.Id}");
        Assert.Equal(60, Amount(after));
    }

    [Fact]
    public async Task PaidCommandWithoutUses_ItsCardShowsTheEarlyBirdPrice()
    {
        var command = "cmd" + Guid.NewGuid().ToString("N")[..8];
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Command(slug: slug, price: 60), f => f.CommandName = command);
        Assert.Null(await shop.App.Service<PromoCodeService>().SaveEarlyBirdAsync(action.Id, 40, 100, null, TimeZoneInfo.Utc, "test"));

        shop.Api.EnqueueText(Buyer, "/" + command);

        // The buyer has no uses, so the bot offers the action: at the price they would pay, as /start shows it.
        var card = await shop.Api.WaitForCallAsync("sendMessage", b => b["chat_id"]!.ToString() == Buyer.ToString() && b["text"]!.ToString().Contains(action.Terms.Title));
        Assert.Contains("⭐40 instead of ⭐60", card["text"]!.ToString());
        Assert.Contains("40", card["reply_markup"]!.ToJsonString());
    }

    [Fact]
    public async Task EarlyBirdWindowClosedWhileTheInvoiceWasOpen_Refused()
    {
        var action = await ActionAsync(price: 60);
        var service = shop.App.Service<PromoCodeService>();
        Assert.Null(await service.SaveEarlyBirdAsync(action.Id, 40, null, DateTime.UtcNow.AddHours(1), TimeZoneInfo.Utc, "test"));
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}");
        Assert.Equal(40, Amount(invoice));
        await using (var db = await shop.App.DbAsync())
            await db.EarlyBirds.Where(e => e.ActionId == action.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Until, DateTimeOffset.UtcNow.AddSeconds(-1)));

        var refused = await shop.PreCheckoutAsync(Buyer, Payload(invoice), 40);
        Assert.False(refused.Ok);
        Assert.Contains("early-bird price ended", refused.Error);
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Rejected);
    }

    [Fact]
    public async Task Refund_GivesTheUseBack()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action, f => f.TotalUses = 1);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        await PayAsync(Buyer, invoice, order);

        shop.Api.EnqueueText(OtherBuyer, $"/start {slug}--{code.Code}");
        await shop.Api.WaitForTextAsync(OtherBuyer, t => t.Contains("has been used up"));

        var refund = await shop.App.Service<RefundService>().RefundOrderAsync(order.Id, "support@test", "changed mind", acceptShortfall: true);
        Assert.Equal(RefundOutcome.Refunded, refund.Outcome);
        var (again, againOrder) = await TapBuyAsync(OtherBuyer, $"buy:{action.Id}:{code.Code}");
        Assert.Equal(48, Amount(again));
        Assert.Equal(code.Id, againOrder.PromoCodeId);
    }

    [Fact]
    public async Task PerBuyerUses_TheSameBuyerCannotUseItTwice()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action, f => f.PerBuyerUses = 1);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        await PayAsync(Buyer, invoice, order);

        shop.Api.EnqueueText(Buyer, $"/start {slug}--{code.Code}");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("You have already used the code"));
        shop.Api.EnqueueText(OtherBuyer, $"/start {slug}--{code.Code}");
        await CardAsync(OtherBuyer, t => t.Contains("⭐48 instead of ⭐60"));
    }

    [Fact]
    public async Task FirstPurchaseOnly_ABuyerWhoPaidBeforeGetsTheNormalPrice()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action, f => f.FirstPurchaseOnly = true);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}");
        await PayAsync(Buyer, invoice, order);

        shop.Api.EnqueueText(Buyer, $"/start {slug}--{code.Code}");
        await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("for a first purchase only"));
        await CardAsync(Buyer, t => t.Contains("Price: ⭐ 60"));
        shop.Api.EnqueueText(OtherBuyer, $"/start {slug}--{code.Code}");
        await CardAsync(OtherBuyer, t => t.Contains("⭐48 instead of ⭐60"));
    }

    [Fact]
    public async Task BulkSingleUseCodes_EachOnceAndExportedAsCsv()
    {
        var action = await ActionAsync(price: 60);
        var service = shop.App.Service<PromoCodeService>();
        var made = await service.GenerateAsync(new PromoCodeForm { ActionId = action.Id, Kind = DiscountKind.Percent, Amount = 50 }, 300, "B" + codeName[..5], TimeZoneInfo.Utc, "test");
        Assert.True(made.Succeeded, made.Error);
        var codes = await service.ListAsync(StarsStudio.Bot.DataView.Live, made.Code!.Batch);
        Assert.Equal(300, codes.Count);
        Assert.Equal(300, codes.Select(c => c.Code.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Equal(1, c.Code.TotalUses));

        var one = codes[0].Code.Code;
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{one}");
        Assert.Equal(30, Amount(invoice));
        shop.Api.EnqueueText(OtherBuyer, $"/start {slug}--{one}");
        await shop.Api.WaitForTextAsync(OtherBuyer, t => t.Contains("has been used up"));

        var csv = new StringWriter();
        await service.WriteCsvAsync(csv, StarsStudio.Bot.DataView.Live, made.Code.Batch, "shop_bot", TimeZoneInfo.Utc);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(301, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{one},https://t.me/shop_bot?start={slug}--{one},") && l.Contains(",Held,"));
    }

    [Fact]
    public async Task Editor_LinkTooLong_SaysSoAndSavesNothing()
    {
        var longSlug = SharedShop.NewSlug(new string('l', 50));
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: longSlug, price: 60));
        var saved = await shop.App.Service<PromoCodeService>().SaveAsync(
            new PromoCodeForm { Code = codeName, ActionId = action.Id, Amount = 10 }, TimeZoneInfo.Utc, "test");
        Assert.False(saved.Succeeded);
        Assert.Equal(nameof(PromoCodeForm.Code), saved.Field);
        Assert.Contains("too long", saved.Error);
        await using var db = await shop.App.DbAsync();
        Assert.False(await db.PromoCodes.AnyAsync(c => c.Code == codeName));
    }

    [Fact]
    public async Task FiftyBuyersRaceForTheLastFiveUses_ExactlyFiveGetTheCode()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action, f => f.TotalUses = 5);
        var buyers = Enumerable.Range(0, 50).Select(_ => SharedShop.NewBuyer()).ToList();
        foreach (var b in buyers) shop.Api.Enqueue(Updates.Callback(b, $"buy:{action.Id}:{code.Code}"));

        // Every buyer hears back: an invoice at the code's price, or that the code was used up meanwhile.
        bool Answered(long b) =>
            shop.Api.CallsOf("sendInvoice").Any(i => i["chat_id"]!.ToString() == b.ToString())
            || shop.Api.SentTexts(b).Any(t => t.Contains("used up"));
        await Eventually.GetAsync(() => Task.FromResult(buyers.Count(Answered)), n => n == buyers.Count, n => $"{n} of 50 buyers answered", 60);

        var invoiced = shop.Api.CallsOf("sendInvoice").Where(i => buyers.Any(b => i["chat_id"]!.ToString() == b.ToString())).ToList();
        Assert.Equal(5, invoiced.Count);
        Assert.All(invoiced, i => Assert.Equal(48, Amount(i)));
        await using var db = await shop.App.DbAsync();
        Assert.Equal(5, await db.Orders.CountAsync(o => o.PromoCodeId == code.Id));
    }

    [Fact]
    public async Task Orders_FilterByCode_AndTheCsvCarriesListPriceAndCode()
    {
        var action = await ActionAsync(price: 60);
        var code = await CodeAsync(action);
        var (invoice, order) = await TapBuyAsync(Buyer, $"buy:{action.Id}:{code.Code}");
        await PayAsync(Buyer, invoice, order);
        await TapBuyAsync(OtherBuyer, $"buy:{action.Id}"); // the same action without the code

        var query = shop.App.Service<OrderQuery>();
        var filter = new OrderFilter { PromoCode = code.Code.ToLowerInvariant() };
        var page = await query.PageAsync(filter, TimeZoneInfo.Utc, 0, 50);
        var row = Assert.Single(page.Rows);
        Assert.Equal(order.Id, row.Id);
        Assert.Equal(48, row.Stars);
        Assert.Equal(60, row.ListStars);
        Assert.Equal(code.Code, row.PromoCode);
        // The buyer's language column came after these two; they stay side by side.
        Assert.Contains($",60,{code.Code},", OrderQuery.CsvLine(row, TimeZoneInfo.Utc));
        Assert.Contains(",list_stars,promo_code,", OrderQuery.CsvHeader);
        Assert.Equal($"code={code.Code.ToLowerInvariant()}", filter.ToQueryString());
    }
}
