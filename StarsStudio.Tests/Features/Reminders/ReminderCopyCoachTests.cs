using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Tests.Features.Reminders;

public sealed class ReminderCopyCoachTests
{
    private const string TopUpLink = "https://t.me/PremiumBot";

    private static IReadOnlyList<CopyFinding> Review(string text, ReminderKind kind = ReminderKind.TopUp, string? filled = null) =>
        ReminderCopyCoach.Review(kind, text, filled ?? text.Replace("{topup_link}", TopUpLink), TopUpLink);

    [Fact]
    public void Review_SaysStarsAndWhereToTopUp_FindsNothing()
    {
        Assert.Empty(Review("Hi Alex! ⭐ The marathon plan unlocks with Telegram Stars on Friday. Top up here: {topup_link}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Review_EmptyText_IsAProblemThatBlocksSending(string text)
    {
        var findings = ReminderCopyCoach.Review(ReminderKind.TopUp, text, "…", TopUpLink);
        var empty = Assert.Single(findings);
        Assert.Equal(CopyCodes.Empty, empty.Code);
        Assert.Equal(FindingSeverity.Problem, empty.Severity);
        Assert.False(ReminderCopyCoach.CanSend(findings));
    }

    [Fact]
    public void Review_TopUpWithoutLink_WarnsBuyersAreNotToldWhereToTopUp()
    {
        var findings = Review("Hi Alex! The plan unlocks with Stars on Friday.");
        var finding = Assert.Single(findings);
        Assert.Equal(ReminderCopyCoach.NoTopUpLink, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(ReminderCopyCoach.CanSend(findings));
    }

    [Fact]
    public void Review_TopUpLinkTypedOut_CountsAsTheLink()
    {
        Assert.Empty(Review($"Hi Alex! The plan unlocks with Stars on Friday. Top up: {TopUpLink}"));
    }

    [Fact]
    public void Review_LiveNowWithoutLink_DoesNotAskForOne()
    {
        Assert.Empty(Review("The plan is live now! Unlock it with Stars.", ReminderKind.LiveNow));
    }

    [Fact]
    public void Review_NoStarsMentioned_WarnsItDoesNotSayPaidWithStars()
    {
        var finding = Assert.Single(Review("Hi Alex! The plan opens on Friday: {topup_link}"));
        Assert.Equal(ReminderCopyCoach.NoStars, finding.Code);
    }

    [Fact]
    public void Review_StarsComeFromAPlaceholder_ReadsTheFilledText()
    {
        // {price} fills in as "⭐ 25": the buyer reads Stars even though the creator never typed the word.
        Assert.Empty(Review("Hi Alex! The plan opens on Friday for {price}: {topup_link}",
            filled: $"Hi Alex! The plan opens on Friday for ⭐ 25: {TopUpLink}"));
    }

    [Fact]
    public void Review_VagueWords_PassesOnTheCopyCoachsDescriptionFindings()
    {
        var findings = Review("Hi Alex! Premium access unlocks with Stars on Friday: {topup_link}");
        Assert.Contains(findings, f => f.Code == CopyCodes.VaguePromise);
        Assert.All(findings, f => Assert.Equal(CopyField.Description, f.Field));
    }

    [Fact]
    public void Review_LongerThanAnInvoiceDescription_IsFineForAChatMessage()
    {
        var text = "Hi Alex! ⭐ The marathon plan unlocks with Telegram Stars on Friday. " + string.Concat(Enumerable.Repeat("Train well and rest well. ", 12)) + "{topup_link}";
        Assert.True(text.Length > CopyCoach.MaxDescriptionLength);
        Assert.DoesNotContain(Review(text), f => f.Code == CopyCodes.TooLong);
    }
}
