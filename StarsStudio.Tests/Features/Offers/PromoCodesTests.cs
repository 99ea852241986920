using StarsStudio.Features.Offers;

namespace StarsStudio.Tests.Features.Offers;

public sealed class PromoCodesTests
{
    [Theory]
    [InlineData("LAUNCH", true)]
    [InlineData("vip_2026", true)]
    [InlineData("A-B", true)]
    [InlineData("AB", false)]
    [InlineData("HAS SPACE", false)]
    [InlineData("A--B", false)]
    [InlineData("-AB", false)]
    [InlineData("ÜBER", false)]
    public void LooksLikeCode_TelegramStartCharactersOnly(string text, bool expected) => Assert.Equal(expected, PromoCodes.LooksLikeCode(text));

    [Fact]
    public void TrySplitStart_SlugWithDashes_SplitsAtTheLastSeparator()
    {
        Assert.True(PromoCodes.TrySplitStart("my-guide--launch", out var slug, out var code));
        Assert.Equal("my-guide", slug);
        Assert.Equal("LAUNCH", code);
        Assert.False(PromoCodes.TrySplitStart("my-guide", out _, out _));
        Assert.False(PromoCodes.TrySplitStart("my-guide--", out _, out _));
    }

    [Fact]
    public void LinkFits_SixtyFourCharactersAtMost()
    {
        var slug = new string('a', 54);
        Assert.True(PromoCodes.LinkFits(slug, "ABCDEFGH"));    // 54 + 2 + 8 = 64
        Assert.False(PromoCodes.LinkFits(slug, "ABCDEFGHI"));  // 65
        Assert.Equal($"https://t.me/shop_bot?start={slug}--ABCDEFGH", PromoCodes.Link("shop_bot", slug, "ABCDEFGH"));
    }

    [Fact]
    public void Generate_UsesTheReadableAlphabetAndPrefix()
    {
        var code = PromoCodes.Generate("VIP");
        Assert.StartsWith("VIP-", code);
        Assert.Null(PromoCodes.Problem(code));
        Assert.DoesNotContain(code[4..], c => c is '0' or 'O' or '1' or 'I' or 'L');
    }

    [Fact]
    public void BuyData_CarriesTheCodeWithinTelegramsLimit()
    {
        var data = OfferDisplay.BuyData(1234567890, new string('X', PromoCodes.MaxLength));
        Assert.True(data.Length <= 64);
        Assert.True(OfferDisplay.TryReadBuyData(data, out var id, out var code));
        Assert.Equal(1234567890, id);
        Assert.Equal(new string('X', 32), code);
        Assert.True(OfferDisplay.TryReadBuyData("buy:5", out id, out code));
        Assert.Equal(5, id);
        Assert.Null(code);
    }
}
