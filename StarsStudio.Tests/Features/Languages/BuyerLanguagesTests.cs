using StarsStudio.Features.Languages;

namespace StarsStudio.Tests.Features.Languages;

public class BuyerLanguagesTests
{
    [Theory]
    [InlineData("pt-br", "de", "pt-br")]   // exact
    [InlineData("pt_BR", "de", "pt-br")]   // Telegram's spellings vary
    [InlineData("de-AT", "en", "de")]      // region → base language
    [InlineData("pt-PT", "en", "pt-br")]   // base language → the shipped variant of it
    [InlineData("ja", "ru", "ru")]         // unknown → the creator's default
    [InlineData(null, "es", "es")]         // no language at all
    [InlineData("ja", "xx", "en")]         // a default that is not shipped → English
    public void Resolve_FollowsTheChain(string? telegram, string creatorDefault, string expected) =>
        Assert.Equal(expected, BuyerLanguages.Resolve(telegram, creatorDefault).Code);

    [Fact]
    public void Chain_ExactThenBaseThenDefaultThenEnglish_WithoutRepeats()
    {
        Assert.Equal(["ru", "de", "en"], BuyerLanguages.Chain("ru-RU", "de").Select(l => l.Code));
        Assert.Equal(["en"], BuyerLanguages.Chain("en-GB", "en").Select(l => l.Code));
    }

    [Fact]
    public void Persian_IsRightToLeft_TheOthersAreNot()
    {
        Assert.True(BuyerLanguages.IsRightToLeft("fa"));
        Assert.Equal(["fa"], BuyerLanguages.Shipped.Where(l => l.RightToLeft).Select(l => l.Code));
        Assert.Equal(9, BuyerLanguages.Shipped.Count);
    }
}
