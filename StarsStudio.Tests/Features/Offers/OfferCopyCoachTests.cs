using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Tests.Features.Offers;

/// <summary>The copy coach's launch-offer rules: a promised discount the action lacks, a price in the text that is not the price.</summary>
public sealed class OfferCopyCoachTests
{
    private static CopyInput Input(string description, CopyOffer? offer = null, int price = 60) =>
        new(ActionKind.File, "Marathon plan", description, "a 12-week marathon training plan as a PDF", price, Offer: offer);

    private static bool Flags(CopyInput input, string code) => CopyCoach.Review(input).Any(f => f.Code == code);

    [Fact]
    public void Review_DiscountMentionedWithoutOffer_Warns() =>
        Assert.True(Flags(Input("Launch week: 30% off, the PDF arrives right after you pay."), CopyCodes.DiscountNotOffered));

    [Fact]
    public void Review_DiscountMentionedWithAnOffer_Quiet() =>
        Assert.False(Flags(Input("Early-bird price this week, the PDF arrives right after you pay.", new CopyOffer(true, 40)), CopyCodes.DiscountNotOffered));

    [Theory]
    [InlineData("Only 50 Stars, the PDF arrives right after you pay.", true)]
    [InlineData("Only ⭐ 60, the PDF arrives right after you pay.", false)]
    [InlineData("Now ⭐40 instead of 60 Stars, the PDF arrives right after you pay.", false)]
    [InlineData("2,000 words, the PDF arrives right after you pay.", false)]
    public void Review_PriceInTheCopy_MustBeThePriceOrTheEarlyPrice(string description, bool flagged) =>
        Assert.Equal(flagged, Flags(Input(description, new CopyOffer(true, 40)), CopyCodes.PriceMismatch));
}
