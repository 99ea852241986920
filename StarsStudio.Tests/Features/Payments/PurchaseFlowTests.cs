using StarsStudio.Features.Payments.Lifecycle;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Payments;

/// <summary>Buy → invoice → pre-checkout → payment → delivery, through the real app and a Bot API over HTTP.</summary>
/// <remarks>One shop for the class; each test has its own buyers and action (xunit makes a new instance per test).</remarks>
public sealed class PurchaseFlowTests(SharedShop shared) : IClassFixture<SharedShop>
{
    private readonly LocalShop shop = shared.Shop;
    private readonly long Buyer = SharedShop.NewBuyer();
    private readonly long OtherBuyer = SharedShop.NewBuyer();
    private readonly string slug = SharedShop.NewSlug("credits");

    [Fact]
    public async Task Buy_LiveAction_SendsAStarsInvoiceWithASignedPayloadForOneOrder()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);

        Assert.Equal("XTR", invoice["currency"]!.GetValue<string>());
        Assert.Single(invoice["prices"]!.AsArray());
        Assert.Equal(5, invoice["prices"]![0]!["amount"]!.GetValue<int>());
        Assert.Null(invoice["provider_token"]);
        Assert.Null(invoice["max_tip_amount"]);
        Assert.InRange(Encoding.UTF8.GetByteCount(invoice["payload"]!.GetValue<string>()), 1, 128);
        Assert.Equal(OrderStatus.InvoiceSent, order.Status);
        Assert.Equal(Buyer, order.BuyerId);
        Assert.Equal(action.Version, order.ActionVersion);

        // A second tap makes a second order with its own payload: a payload is never reused.
        var (second, secondOrder) = await shop.BuyAsync(Buyer, action);
        Assert.NotEqual(order.Id, secondOrder.Id);
        Assert.NotEqual(invoice["payload"]!.ToString(), second["payload"]!.ToString());
    }

    [Fact]
    public async Task Purchase_HappyPath_DeliversCreditsAfterPaymentOnlyAndSendsReceipt()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5, amount: 50));
        int grantsBefore;
        await using (var db = await shop.App.DbAsync())
            grantsBefore = await db.CreditGrants.CountAsync();
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();

        var answer = await shop.PreCheckoutAsync(Buyer, payload, 5);
        Assert.True(answer.Ok);
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Approved);
        // Approval alone delivers nothing (the shop is shared: nothing new since this test began).
        await using (var db = await shop.App.DbAsync())
            Assert.Equal(grantsBefore, await db.CreditGrants.CountAsync());

        shop.Pay(Buyer, payload, 5, "charge-happy");
        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        Assert.Equal("charge-happy", delivered.ChargeId);
        // Content and receipt in one message: at Telegram's cap every message counts.
        var receipt = await shop.Api.WaitForTextAsync(Buyer, t => t.Contains("Receipt") && t.Contains(order.Code));
        Assert.Contains("50 credits added", receipt);
        Assert.Contains("Your balance: 50", receipt);
        Assert.Contains("/paysupport", receipt);
        Assert.Single(shop.Api.SentTexts(Buyer), t => t.Contains("Receipt"));
        Assert.Equal([OrderEventKind.Created, OrderEventKind.InvoiceSent, OrderEventKind.PreCheckoutApproved, OrderEventKind.Paid, OrderEventKind.DeliveryAttempt, OrderEventKind.Delivered], delivered.Timeline().Select(e => e.Kind));
        // Every line of the happy path came with its transition's own statement: none is a row of its own.
        await using (var db = await shop.App.DbAsync())
            Assert.Equal(0, await db.OrderEvents.CountAsync(e => e.OrderId == order.Id));
        Assert.Contains(delivered.Timeline(), e => e.Kind == OrderEventKind.Paid && e.Actor == EventActor.Telegram && e.Detail.Contains("charge-happy"));
    }

    [Fact]
    public async Task PreCheckout_ForgedSignature_RefusedWithClearMessage()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var forged = invoice["payload"]!.GetValue<string>()[..^2] + "xx";

        var answer = await shop.PreCheckoutAsync(Buyer, forged, 5);

        Assert.False(answer.Ok);
        Assert.Equal("This invoice is not valid. Tap Buy again for a fresh invoice.", answer.Error);
        await shop.WaitForOrderAsync(order.Id, o => o.Timeline().Any(e => e.Kind == OrderEventKind.PreCheckoutRefused && e.Detail.Contains("bad-signature")));
    }

    [Fact]
    public async Task PreCheckout_AnotherBuyersPayload_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var (invoice, _) = await shop.BuyAsync(Buyer, action);
        var answer = await shop.PreCheckoutAsync(OtherBuyer, invoice["payload"]!.GetValue<string>(), 5);
        Assert.False(answer.Ok);
        Assert.Contains("another Telegram account", answer.Error);
    }

    [Fact]
    public async Task PreCheckout_PriceChangedAfterInvoice_RefusedAsNewVersion()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);

        var form = PaidActionForm.From(action, TimeZoneInfo.Utc);
        form.PriceStars = 7;
        var saved = await shop.App.Service<CatalogService>().SaveAsync("creator", form, TimeZoneInfo.Utc);
        Assert.True(saved.NewVersion);

        var answer = await shop.PreCheckoutAsync(Buyer, invoice["payload"]!.GetValue<string>(), 5);
        Assert.False(answer.Ok);
        Assert.Equal("This offer changed after your invoice was sent. Tap Buy again for a fresh invoice.", answer.Error);
        // The answer goes out first; the timeline is written right after it.
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Rejected);

        // A fresh invoice carries the new price and passes.
        var (fresh, _) = await shop.BuyAsync(Buyer, (await shop.App.Service<CatalogService>().GetAsync(action.Id))!);
        Assert.Equal(7, fresh["prices"]![0]!["amount"]!.GetValue<int>());
        Assert.True((await shop.PreCheckoutAsync(Buyer, fresh["payload"]!.GetValue<string>(), 7)).Ok);
    }

    [Fact]
    public async Task PreCheckout_WrongAmount_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug, price: 5));
        var (invoice, _) = await shop.BuyAsync(Buyer, action);
        var answer = await shop.PreCheckoutAsync(Buyer, invoice["payload"]!.GetValue<string>(), 1);
        Assert.False(answer.Ok);
        Assert.Contains("does not match the price", answer.Error);
    }

    [Fact]
    public async Task PreCheckout_ExpiredInvoice_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        await using (var db = await shop.App.DbAsync())
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var answer = await shop.PreCheckoutAsync(Buyer, invoice["payload"]!.GetValue<string>(), 5);
        Assert.False(answer.Ok);
        Assert.Contains("expired", answer.Error);
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Expired);
    }

    [Fact]
    public async Task PreCheckout_SoldOut_SecondBuyerRefusedNothingCharged()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug), f => f.StockLimit = 1);
        var (first, _) = await shop.BuyAsync(Buyer, action);
        var (second, _) = await shop.BuyAsync(OtherBuyer, action);

        Assert.True((await shop.PreCheckoutAsync(Buyer, first["payload"]!.GetValue<string>(), 5)).Ok);
        var refused = await shop.PreCheckoutAsync(OtherBuyer, second["payload"]!.GetValue<string>(), 5);
        Assert.False(refused.Ok);
        Assert.Contains("sold out", refused.Error);
    }

    [Fact]
    public async Task PreCheckout_PerBuyerLimit_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug), f => f.PerBuyerLimit = 1);
        var (first, order) = await shop.BuyAsync(Buyer, action);
        var (second, _) = await shop.BuyAsync(Buyer, action);
        Assert.True((await shop.PreCheckoutAsync(Buyer, first["payload"]!.GetValue<string>(), 5)).Ok);
        shop.Pay(Buyer, first["payload"]!.GetValue<string>(), 5, "charge-limit");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        var refused = await shop.PreCheckoutAsync(Buyer, second["payload"]!.GetValue<string>(), 5);
        Assert.False(refused.Ok);
        Assert.Contains("most one person can", refused.Error);
    }

    [Fact]
    public async Task PreCheckout_AlreadyPaidInvoice_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, 5)).Ok);
        shop.Pay(Buyer, payload, 5, "charge-once");
        await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);

        var again = await shop.PreCheckoutAsync(Buyer, payload, 5);
        Assert.False(again.Ok);
        Assert.Contains("already paid", again.Error);
    }

    [Fact]
    public async Task PreCheckout_PausedAction_Refused()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: slug));
        var (invoice, _) = await shop.BuyAsync(Buyer, action);
        await shop.App.Service<CatalogService>().SetStatusAsync("creator", action.Id, ActionStatus.Paused);
        var answer = await shop.PreCheckoutAsync(Buyer, invoice["payload"]!.GetValue<string>(), 5);
        Assert.False(answer.Ok);
        Assert.Contains("not on sale", answer.Error);
    }
}
