using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;

namespace StarsStudio.Tests.Features.Support;

public sealed class RefundWordingTests
{
    private static readonly Order Order = new() { Id = 7, Code = "SS-ABC123", BuyerId = 4242, Stars = 25 };

    private static RefundPreview Preview(int creditsGranted = 0, int creditsSpent = 0, int usesLeft = 0, int usesSpent = 0) =>
        new(true, null, 25, creditsGranted, creditsSpent, usesLeft, usesSpent);

    [Fact]
    public void TitleAndConfirm_NameTheOrderAndTheStars()
    {
        Assert.Equal("Refund order SS-ABC123?", RefundWording.Title(Order));
        Assert.Equal("Refund ⭐25", RefundWording.ConfirmText(Order));
    }

    [Fact]
    public void Message_FileOrder_SaysWhatTelegramReturnsAndThatItIsFinal()
    {
        Assert.Equal("Telegram returns ⭐25 to the buyer (id 4242). A refund cannot be undone.", RefundWording.Message(Order, Preview()));
    }

    [Fact]
    public void Message_CreditPack_SaysHowManyUnspentCreditsAreTakenBack()
    {
        Assert.Equal("Telegram returns ⭐25 to the buyer (id 4242). This takes back 30 unspent credits. A refund cannot be undone.",
            RefundWording.Message(Order, Preview(creditsGranted: 50, creditsSpent: 20)));
    }

    [Fact]
    public void Message_CreditsAndCommandUses_NamesBoth()
    {
        Assert.Contains("This takes back 50 unspent credits and 3 remaining command uses.",
            RefundWording.Message(Order, Preview(creditsGranted: 50, usesLeft: 3)));
    }

    [Fact]
    public void ShortfallWarning_NothingSpent_IsNull()
    {
        Assert.Null(RefundWording.ShortfallWarning(Order, Preview(creditsGranted: 50)));
    }

    [Fact]
    public void ShortfallWarning_CreditsSpent_SaysTheyAreLostAndTheFullAmountIsRefunded()
    {
        Assert.Equal("The buyer already spent 20 of the 50 credits. Those cannot be taken back: you refund the full ⭐25 anyway, and their balance will not go below zero.",
            RefundWording.ShortfallWarning(Order, Preview(creditsGranted: 50, creditsSpent: 20)));
    }
}
