using Microsoft.Extensions.Time.Testing;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Tests.Features.Reminders;

public sealed class LaunchPlanTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Propose_LaunchTheDayClocksSpringForward_DayBeforeKeepsWallClockTime()
    {
        // Sunday 29 March 2026, 18:00 in Berlin is summer time (UTC+2); the day before is still winter time (UTC+1).
        var launch = LocalTime.ToUtc(new DateTime(2026, 3, 29, 18, 0, 0), Berlin)!.Value;
        Assert.Equal(Utc(3, 29, 16), launch);

        var plan = LaunchPlan.Propose(launch, Berlin);

        Assert.Equal([ReminderKind.TopUp, ReminderKind.TopUp, ReminderKind.LiveNow], plan.Select(p => p.Kind));
        Assert.Equal(Utc(3, 28, 17), plan[0].SendAt);
        Assert.Equal(TimeSpan.FromHours(23), launch - plan[0].SendAt);
        Assert.Equal("Sat 28 Mar, 18:00 (Europe/Berlin)", LaunchPlan.Format(plan[0].SendAt, Berlin));
        Assert.Equal(Utc(3, 29, 15), plan[1].SendAt);
        Assert.Equal("Sun 29 Mar, 17:00 (Europe/Berlin)", LaunchPlan.Format(plan[1].SendAt, Berlin));
        Assert.Equal(launch, plan[2].SendAt);
    }

    [Fact]
    public void Propose_LaunchTheDayClocksFallBack_DayBeforeIs25HoursEarlier()
    {
        // Sunday 25 October 2026, 18:00 in Berlin is winter time (UTC+1); Saturday is still summer time (UTC+2).
        var launch = LocalTime.ToUtc(new DateTime(2026, 10, 25, 18, 0, 0), Berlin)!.Value;

        var plan = LaunchPlan.Propose(launch, Berlin);

        Assert.Equal(Utc(10, 24, 16), plan[0].SendAt);
        Assert.Equal(TimeSpan.FromHours(25), launch - plan[0].SendAt);
        Assert.Equal("Sat 24 Oct, 18:00 (Europe/Berlin)", LaunchPlan.Format(plan[0].SendAt, Berlin));
        Assert.Equal(Utc(10, 25, 16), plan[1].SendAt);
    }

    [Fact]
    public void Propose_DayBeforeFallsInTheSkippedHour_MovesForwardByTheGap()
    {
        // Launch Monday 30 March 02:30; the day before at 02:30 does not exist in Berlin (02:00 → 03:00).
        var launch = LocalTime.ToUtc(new DateTime(2026, 3, 30, 2, 30, 0), Berlin)!.Value;

        var plan = LaunchPlan.Propose(launch, Berlin);

        Assert.Equal("Sun 29 Mar, 03:30 (Europe/Berlin)", LaunchPlan.Format(plan[0].SendAt, Berlin));
        Assert.Equal(Utc(3, 29, 1, 30), plan[0].SendAt);
    }

    [Fact]
    public void IsDue_FakeClockCrossesTheSpringForwardNight_DueExactlyAtTheStoredUtcTime()
    {
        var clock = new FakeTimeProvider(Utc(3, 29, 0, 58));
        // Entered as 03:00 local on the night the clocks jump from 02:00 to 03:00: 01:00 UTC.
        var reminder = new Reminder { Name = "r", Status = ReminderStatus.Scheduled, SendAt = LocalTime.ToUtc(new DateTime(2026, 3, 29, 3, 0, 0), Berlin)!.Value };
        Assert.Equal(Utc(3, 29, 1), reminder.SendAt);

        Assert.False(ReminderSchedule.IsDue(reminder, clock.GetUtcNow()));
        Assert.Equal(TimeSpan.FromMinutes(2), ReminderSchedule.SleepUntilNext([reminder.SendAt], clock.GetUtcNow(), TimeSpan.FromHours(1)));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(59));
        Assert.False(ReminderSchedule.IsDue(reminder, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(ReminderSchedule.IsDue(reminder, clock.GetUtcNow()));

        reminder.Status = ReminderStatus.Paused;
        Assert.False(ReminderSchedule.IsDue(reminder, clock.GetUtcNow()));
    }

    [Fact]
    public void SleepUntilNext_NothingScheduled_SleepsTheCap()
    {
        var now = Utc(1, 1, 0);
        Assert.Equal(TimeSpan.FromSeconds(5), ReminderSchedule.SleepUntilNext([], now, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), ReminderSchedule.SleepUntilNext([now.AddHours(3)], now, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_FakeClock_LetsOneSendThroughPerInterval()
    {
        var clock = new FakeTimeProvider(Utc(1, 1, 0));
        var pacer = new BroadcastPacer(clock);

        (await pacer.WaitAsync(10, CancellationToken.None)).Complete();
        var second = pacer.WaitAsync(10, CancellationToken.None);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Complete();

        // A 429 pushes the next permit out for retry_after.
        pacer.PauseUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(3));
        var third = pacer.WaitAsync(10, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Complete();
    }

    [Fact]
    public async Task Cancel_SlotThatMadeNoCall_LetsTheNextSendGoAtOnce_AndStillCountsAsAPlace()
    {
        var clock = new FakeTimeProvider(Utc(1, 1, 0));
        var pacer = new BroadcastPacer(clock);
        (await pacer.WaitAsync(10, CancellationToken.None)).Complete();
        clock.Advance(TimeSpan.FromMilliseconds(100));

        // Another sender had claimed this recipient: no call, so the next send does not wait 100 ms behind it.
        (await pacer.WaitAsync(10, CancellationToken.None)).Cancel();
        var next = pacer.WaitAsync(10, CancellationToken.None);
        Assert.True(next.IsCompleted, "a give-back should free the place at once");
        (await next).Complete();

        // A slot issued after the cancelled one keeps its spacing: give-back never moves a later slot earlier.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var taken = await pacer.WaitAsync(10, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var following = pacer.WaitAsync(10, CancellationToken.None);
        Assert.False(following.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var late = await following.WaitAsync(TimeSpan.FromSeconds(10));
        taken.Cancel();
        Assert.False(pacer.WaitAsync(10, CancellationToken.None).IsCompleted);
        late.Complete();
    }

    [Fact]
    public async Task WaitAsync_SlowCallStillOpen_NextWindowWaitsASecondAfterItReturns()
    {
        var clock = new FakeTimeProvider(Utc(1, 1, 0));
        var pacer = new BroadcastPacer(clock);
        var slow = await pacer.WaitAsync(2, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        (await pacer.WaitAsync(2, CancellationToken.None)).Complete();

        // Two per second: the third send must wait for the first call to return, then one more second.
        var third = pacer.WaitAsync(2, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(third.IsCompleted);
        slow.Complete();
        var returnedAt = clock.GetUtcNow();
        // Step the fake clock, letting the pacer's continuation run in between; fake time moves only here.
        for (var step = 0; step < 100 && !third.IsCompleted; step++)
        {
            await Task.Delay(20);
            if (!third.IsCompleted) clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.True(third.IsCompleted);
        Assert.True(clock.GetUtcNow() - returnedAt >= TimeSpan.FromSeconds(1), $"let through {(clock.GetUtcNow() - returnedAt).TotalMilliseconds} ms after the slow call returned");
        (await third).Complete();
    }

    [Theory]
    [InlineData(30, 1000, 0)]
    [InlineData(1000, 1000, 97)]
    [InlineData(5000, 1000, 485)]
    [InlineData(5000, 25, 0)]
    public void Estimate_PaidBroadcast_ChargesOnlyAboveTheFree30PerSecond(int messages, double perSecond, double stars) =>
        Assert.Equal((decimal)stars, PaidBroadcastCost.Estimate(messages, perSecond));

    [Fact]
    public void Values_ActionWithLaunch_FillsEveryPlaceholder()
    {
        var action = new PaidAction
        {
            Name = "Plan", Slug = "plan", LaunchAt = Utc(3, 29, 16),
            Terms = new ActionTerms { Title = "Marathon plan", PriceStars = 1500 },
        };

        var text = ReminderText.Fill(ReminderText.TopUp + " {deep_link}", ReminderText.Values(action, "my_bot", "https://t.me/PremiumBot", Berlin, "Alex"));

        Assert.StartsWith("Hi Alex! ⭐ Marathon plan unlocks with Telegram Stars on Sun 29 Mar, 18:00 (Europe/Berlin) for ⭐ 1,500.", text);
        Assert.Contains("https://t.me/PremiumBot", text);
        Assert.EndsWith("https://t.me/my_bot?start=plan", text);
        Assert.DoesNotContain("{", text);
    }
}
