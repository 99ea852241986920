using StarsStudio.Features.Offers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Features.Offers;

/// <summary>Each code and early-bird rule alone, as pure functions (the database re-checks the counts).</summary>
public sealed class OfferRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static PromoCode Code(Action<PromoCode>? tweak = null)
    {
        var c = new PromoCode { Id = 7, Code = "LAUNCH", Kind = DiscountKind.Percent, Amount = 20, PerBuyerUses = null };
        tweak?.Invoke(c);
        return c;
    }

    [Theory]
    [InlineData(60, 20, 48)]
    [InlineData(60, 33, 40)]  // 19.8 off, rounded in the buyer's favour to 20
    [InlineData(7, 10, 6)]
    [InlineData(2, 99, 1)]    // never below one Star
    public void WithCode_Percent_RoundsTheDiscountUpAndKeepsOneStar(int list, int percent, int expected) =>
        Assert.Equal(expected, OfferPrice.WithCode(list, DiscountKind.Percent, percent));

    [Theory]
    [InlineData(60, 15, 45)]
    [InlineData(60, 60, 1)]
    [InlineData(60, 500, 1)]
    public void WithCode_FixedStars_SubtractsAndKeepsOneStar(int list, int off, int expected) =>
        Assert.Equal(expected, OfferPrice.WithCode(list, DiscountKind.FixedStars, off));

    [Fact]
    public void Check_ValidCode_Applies() => Assert.Equal(CodeRule.Applies, OfferRules.Check(Code(), 1, Now, 0, 0, false));

    [Fact]
    public void Check_NoSuchCode_Unknown() => Assert.Equal(CodeRule.Unknown, OfferRules.Check(null, 1, Now, 0, 0, false));

    [Fact]
    public void Check_Withdrawn_Refused() => Assert.Equal(CodeRule.Withdrawn, OfferRules.Check(Code(c => c.WithdrawnAt = Now.AddDays(-1)), 1, Now, 0, 0, false));

    [Fact]
    public void Check_BeforeItsWindow_NotYet() => Assert.Equal(CodeRule.NotYet, OfferRules.Check(Code(c => c.StartsAt = Now.AddMinutes(1)), 1, Now, 0, 0, false));

    [Fact]
    public void Check_AtItsEnd_Expired() => Assert.Equal(CodeRule.Expired, OfferRules.Check(Code(c => c.EndsAt = Now), 1, Now, 0, 0, false));

    [Fact]
    public void Check_InsideItsWindow_Applies() =>
        Assert.Equal(CodeRule.Applies, OfferRules.Check(Code(c => { c.StartsAt = Now.AddDays(-1); c.EndsAt = Now.AddSeconds(1); }), 1, Now, 0, 0, false));

    [Fact]
    public void Check_CodeForAnotherAction_Refused() => Assert.Equal(CodeRule.OtherAction, OfferRules.Check(Code(c => c.ActionId = 2), 1, Now, 0, 0, false));

    [Fact]
    public void Check_CodeForEveryAction_AppliesToAny() => Assert.Equal(CodeRule.Applies, OfferRules.Check(Code(c => c.ActionId = null), 99, Now, 0, 0, false));

    [Theory]
    [InlineData(4, CodeRule.Applies)]
    [InlineData(5, CodeRule.UsedUp)]
    [InlineData(6, CodeRule.UsedUp)]
    public void Check_TotalUses_CountsHoldsOfOthers(int heldByOthers, CodeRule expected) =>
        Assert.Equal(expected, OfferRules.Check(Code(c => c.TotalUses = 5), 1, Now, heldByOthers, 0, false));

    [Fact]
    public void Check_PerBuyerUses_BuyerWhoUsedItRefused()
    {
        var code = Code(c => c.PerBuyerUses = 1);
        Assert.Equal(CodeRule.Applies, OfferRules.Check(code, 1, Now, 3, 0, false));
        Assert.Equal(CodeRule.UsedUpByBuyer, OfferRules.Check(code, 1, Now, 3, 1, false));
    }

    [Fact]
    public void Check_FirstPurchaseOnly_BuyerWhoPaidBeforeRefused()
    {
        var code = Code(c => c.FirstPurchaseOnly = true);
        Assert.Equal(CodeRule.Applies, OfferRules.Check(code, 1, Now, 0, 0, buyerPaidBefore: false));
        Assert.Equal(CodeRule.FirstPurchaseOnly, OfferRules.Check(code, 1, Now, 0, 0, buyerPaidBefore: true));
    }

    [Fact]
    public void Check_SingleUseBulkCode_OneUseThenUsedUp()
    {
        var code = Code(c => { c.TotalUses = 1; c.PerBuyerUses = 1; c.Batch = "VIP-20261204"; });
        Assert.Equal(CodeRule.Applies, OfferRules.Check(code, 1, Now, 0, 0, false));
        Assert.Equal(CodeRule.UsedUp, OfferRules.Check(code, 1, Now, 1, 0, false));
    }

    [Fact]
    public void EarlyBirdOpen_FirstNAndWindow()
    {
        var early = new EarlyBird { ActionId = 1, Stars = 40, Limit = 100, Until = Now.AddHours(1) };
        Assert.True(OfferRules.EarlyBirdOpen(early, Now, 99));
        Assert.False(OfferRules.EarlyBirdOpen(early, Now, 100));
        Assert.False(OfferRules.EarlyBirdOpen(early, Now.AddHours(1), 0));
        Assert.False(OfferRules.EarlyBirdOpen(null, Now, 0));
    }

    [Fact]
    public void AtPreCheckout_OrderAtListPrice_NoOfferRule() =>
        Assert.Null(OfferRules.AtPreCheckout(new Order { Code = "SS-1", ActionId = 1 }, null, Now));

    [Fact]
    public void AtPreCheckout_CodeUsedUpMeanwhile_RefusedWithFreshInvoiceOffer()
    {
        var order = new Order { Code = "SS-1", ActionId = 1, PromoCodeId = 7 };
        var decision = OfferRules.AtPreCheckout(order, OfferFacts.None with { Code = Code(c => c.TotalUses = 1), CodeHeldByOthers = 1 }, Now);
        Assert.Equal("code-used-up", decision!.Rule);
        Assert.Contains("Nothing was charged", decision.BuyerMessage);
        Assert.Contains("fresh invoice", decision.BuyerMessage);
    }

    [Theory]
    [InlineData("withdrawn", "code-withdrawn")]
    [InlineData("expired", "code-expired")]
    [InlineData("deleted", "code-withdrawn")]
    public void AtPreCheckout_CodeEndedMeanwhile_Refused(string what, string rule)
    {
        var order = new Order { Code = "SS-1", ActionId = 1, PromoCodeId = 7 };
        PromoCode? code = what switch
        {
            "withdrawn" => Code(c => c.WithdrawnAt = Now),
            "expired" => Code(c => c.EndsAt = Now.AddSeconds(-1)),
            _ => null,
        };
        Assert.Equal(rule, OfferRules.AtPreCheckout(order, OfferFacts.None with { Code = code }, Now)!.Rule);
    }

    [Fact]
    public void AtPreCheckout_EarlyBirdClosedOrTaken_Refused()
    {
        var order = new Order { Code = "SS-1", ActionId = 1, EarlyBird = true };
        var early = new EarlyBird { ActionId = 1, Stars = 40, Limit = 2, Until = Now.AddHours(1) };
        Assert.Null(OfferRules.AtPreCheckout(order, OfferFacts.None with { EarlyBird = early, EarlyBirdHeldByOthers = 1 }, Now));
        Assert.Equal("early-bird-sold", OfferRules.AtPreCheckout(order, OfferFacts.None with { EarlyBird = early, EarlyBirdHeldByOthers = 2 }, Now)!.Rule);
        Assert.Equal("early-bird-over", OfferRules.AtPreCheckout(order, OfferFacts.None with { EarlyBird = early }, Now.AddHours(1))!.Rule);
    }
}
