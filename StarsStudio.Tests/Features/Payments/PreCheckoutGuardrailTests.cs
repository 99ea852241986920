using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Features.Payments;

/// <summary>One test per guardrail rule, on the pure decision function.</summary>
public sealed class PreCheckoutGuardrailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static PaidAction Action(Action<PaidAction>? tweak = null)
    {
        var a = new PaidAction { Id = 7, Name = "x", Slug = "x", Kind = ActionKind.CreditPack, Status = ActionStatus.Live, Version = 3, Terms = new ActionTerms { PriceStars = 50 } };
        tweak?.Invoke(a);
        return a;
    }

    private static Order Order(Action<Order>? tweak = null)
    {
        var o = new Order { Id = 11, Code = "SS-ABCDEF", BuyerId = 500, ActionId = 7, ActionVersion = 3, Stars = 50, Status = OrderStatus.InvoiceSent, ExpiresAt = Now.AddHours(1) };
        tweak?.Invoke(o);
        return o;
    }

    private static GuardrailDecision Decide(Order? order = null, PaidAction? action = null, long from = 500, long amount = 50, string currency = "XTR",
        bool readable = true, bool signed = true, int heldForAction = 0, int heldByBuyer = 0, bool noOrder = false, bool noAction = false) =>
        PreCheckoutGuardrail.Evaluate(new GuardrailInput(from, currency, amount, readable, signed,
            noOrder ? null : order ?? Order(), noAction ? null : action ?? Action(), heldForAction, heldByBuyer, Now));

    [Fact] public void Evaluate_AllRulesPass_Approves() => Assert.True(Decide().Approve);

    [Theory]
    [InlineData(false, true, false, "unknown-invoice")]
    [InlineData(true, true, true, "unknown-invoice")]
    [InlineData(true, false, false, "bad-signature")]
    public void Evaluate_UnreadableMissingOrForged_Refused(bool readable, bool signed, bool noOrder, string rule)
    {
        var d = Decide(readable: readable, signed: signed, noOrder: noOrder);
        Assert.False(d.Approve);
        Assert.Equal(rule, d.Rule);
        Assert.Contains("Tap Buy again", d.BuyerMessage);
    }

    [Fact]
    public void Evaluate_AnotherBuyersPayload_Refused()
    {
        var d = Decide(from: 999);
        Assert.Equal("wrong-buyer", d.Rule);
        Assert.Contains("another Telegram account", d.BuyerMessage);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Refunded)]
    public void Evaluate_AlreadyPaid_Refused(OrderStatus status) => Assert.Equal("already-paid", Decide(Order(o => o.Status = status)).Rule);

    [Fact] public void Evaluate_ExpiredInvoice_Refused() => Assert.Equal("expired", Decide(Order(o => o.ExpiresAt = Now.AddSeconds(-1))).Rule);

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void Evaluate_EndedInvoice_Refused(OrderStatus status) => Assert.Equal("expired", Decide(Order(o => o.Status = status)).Rule);

    [Fact] public void Evaluate_ActionDeleted_Refused() => Assert.Equal("action-gone", Decide(noAction: true).Rule);

    [Fact] public void Evaluate_ActionArchived_Refused() => Assert.Equal("action-gone", Decide(action: Action(a => a.Status = ActionStatus.Archived)).Rule);

    [Theory]
    [InlineData(ActionStatus.Paused)]
    [InlineData(ActionStatus.Draft)]
    public void Evaluate_ActionNotLive_Refused(ActionStatus status) => Assert.Equal("not-on-sale", Decide(action: Action(a => a.Status = status)).Rule);

    [Fact] public void Evaluate_OutsideAvailabilityWindow_Refused() => Assert.Equal("not-on-sale", Decide(action: Action(a => a.AvailableUntil = Now)).Rule);

    [Fact]
    public void Evaluate_NewVersion_RefusedWithFreshInvoiceAdvice()
    {
        var d = Decide(action: Action(a => a.Version = 4));
        Assert.Equal("new-version", d.Rule);
        Assert.Equal("This offer changed after your invoice was sent. Tap Buy again for a fresh invoice.", d.BuyerMessage);
    }

    [Theory]
    [InlineData(49, "XTR")]
    [InlineData(5000, "XTR")]
    [InlineData(50, "USD")]
    public void Evaluate_WrongAmountOrCurrency_Refused(long amount, string currency) => Assert.Equal("wrong-amount", Decide(amount: amount, currency: currency).Rule);

    [Fact] public void Evaluate_SoldOut_Refused() => Assert.Equal("sold-out", Decide(action: Action(a => a.StockLimit = 10), heldForAction: 10).Rule);

    [Fact] public void Evaluate_StockLeft_Approves() => Assert.True(Decide(action: Action(a => a.StockLimit = 10), heldForAction: 9).Approve);

    [Fact] public void Evaluate_PerBuyerLimitReached_Refused() => Assert.Equal("buyer-limit", Decide(action: Action(a => a.PerBuyerLimit = 1), heldByBuyer: 1).Rule);

    [Fact] public void Evaluate_ApprovedBefore_ApprovesAgain() => Assert.True(Decide(Order(o => o.Status = OrderStatus.Approved)).Approve);
}
