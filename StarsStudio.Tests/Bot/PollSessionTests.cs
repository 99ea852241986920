using StarsStudio.Bot;

namespace StarsStudio.Tests.Bot;

/// <summary>The poll loop's offset never passes a payment that is not recorded yet.</summary>
public sealed class PollSessionTests
{
    [Fact]
    public void NextOffset_PaymentBeingRecorded_StaysAtIt_ThenPassesEverythingSeen()
    {
        var session = new PollSession();
        foreach (var id in new[] { 10, 11, 12 }) Assert.True(session.Claim(id));
        session.PaymentStarted(11);

        Assert.Equal(11, session.NextOffset);
        Assert.True(session.HasUnrecordedPayments);
        session.PaymentFinished(11, recorded: true);
        Assert.Equal(13, session.NextOffset);
        Assert.False(session.HasUnrecordedPayments);
    }

    [Fact]
    public void Claim_SameIdPolledAgain_IsNotDispatchedTwice()
    {
        var session = new PollSession();
        Assert.True(session.Claim(5));
        Assert.False(session.Claim(5));
        Assert.Equal(1, session.Claimed);
    }

    [Fact]
    public void PaymentFinished_NotRecorded_OffsetHoldsAndItIsDispatchedAgain()
    {
        var session = new PollSession();
        session.Claim(20);
        session.Claim(21);
        session.PaymentStarted(20);
        session.PaymentFinished(20, recorded: false);

        Assert.Equal(20, session.NextOffset);
        Assert.True(session.TakeFailure());
        Assert.False(session.TakeFailure());
        Assert.True(session.Claim(20));
        Assert.False(session.Claim(21));
    }

    [Fact]
    public async Task AllRecordedAsync_PaymentRecordedMeanwhile_ReturnsWithTheOffsetPastIt()
    {
        var session = new PollSession();
        session.Claim(30);
        session.PaymentStarted(30);
        var waiting = session.AllRecordedAsync(TimeSpan.FromMinutes(1), default);
        session.PaymentFinished(30, recorded: true);
        await waiting;
        Assert.Equal(31, session.NextOffset);
    }
}
