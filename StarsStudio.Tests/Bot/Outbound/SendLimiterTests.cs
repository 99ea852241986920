using Microsoft.Extensions.Time.Testing;
using StarsStudio.Bot.Outbound;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot.Outbound;

/// <summary>The outbound budget with a fake clock: order, rates and pauses, never real waiting.</summary>
public sealed class SendLimiterTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private SendLimiter? limiter;

    /// <summary>A limiter whose dispatcher is started as the host would start it.</summary>
    private async Task<SendLimiter> LimiterAsync(double perSecond, int perChatMs)
    {
        limiter = new SendLimiter(clock, new OutboundOptions { MessagesPerSecond = perSecond, PerChatIntervalMilliseconds = perChatMs });
        await limiter.StartAsync(CancellationToken.None);
        return limiter;
    }

    /// <summary>Advances the fake clock in small steps, letting the dispatcher run between them.</summary>
    private async Task AdvanceAsync(TimeSpan total, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(10);
        for (var t = TimeSpan.Zero; t < total; t += by)
        {
            clock.Advance(by);
            await Task.Delay(1);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        await Eventually.WithinAsync(condition, seconds: 5);
        Assert.True(condition());
    }

    [Fact]
    public async Task Wait_HigherPriorityQueuedLater_GoesFirst()
    {
        // A buyer who paid first, then one about to pay, then whoever is browsing, then broadcasts.
        var l = await LimiterAsync(perSecond: 1, perChatMs: 0);
        var first = l.WaitAsync(1, SendPriority.Broadcast, default); // granted at once: the budget is free
        await WaitUntilAsync(() => first.IsCompleted);
        var order = new List<string>();
        var broadcast = l.WaitAsync(2, SendPriority.Broadcast, default).ContinueWith(_ => { lock (order) order.Add("broadcast"); });
        var reply = l.WaitAsync(4, SendPriority.Reply, default).ContinueWith(_ => { lock (order) order.Add("reply"); });
        var invoice = l.WaitAsync(5, SendPriority.Invoice, default).ContinueWith(_ => { lock (order) order.Add("invoice"); });
        var delivery = l.WaitAsync(3, SendPriority.Delivery, default).ContinueWith(_ => { lock (order) order.Add("delivery"); });

        for (var granted = 2; granted <= 5; granted++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(50));
            await WaitUntilAsync(() => l.Granted == granted);
        }
        await Task.WhenAll(broadcast, reply, invoice, delivery);

        Assert.Equal(["delivery", "invoice", "reply", "broadcast"], order);
    }

    [Fact]
    public async Task Wait_ChatNotReady_DoesNotBlockAReadyChatOfLowerPriority()
    {
        var l = await LimiterAsync(perSecond: 0, perChatMs: 1000);
        var first = l.WaitAsync(7, SendPriority.Delivery, default);
        await WaitUntilAsync(() => first.IsCompleted);

        var delivery = l.WaitAsync(7, SendPriority.Delivery, default);   // chat 7 must wait a second
        var broadcast = l.WaitAsync(8, SendPriority.Broadcast, default); // chat 8 is ready now
        await WaitUntilAsync(() => broadcast.IsCompleted);
        Assert.False(delivery.IsCompleted);

        await AdvanceAsync(TimeSpan.FromMilliseconds(1100));
        await WaitUntilAsync(() => delivery.IsCompleted);
    }

    [Fact]
    public async Task Wait_BacklogOfFewChatsWithSpacing_WindowFullEverySecondAndNeverOver()
    {
        // 10 chats with 3 messages each at 5/s and 1 s per chat: each second the window takes exactly 5 (the
        // per-chat spacing must neither idle the budget nor let a window hold more).
        var l = await LimiterAsync(perSecond: 5, perChatMs: 1000);
        var waits = Enumerable.Range(0, 30).Select(i => l.WaitAsync(i % 10, SendPriority.Delivery, default)).ToList();
        await WaitUntilAsync(() => l.Granted == 5);

        for (var second = 1; second <= 5; second++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(990));
            Assert.Equal(5 * second, l.Granted);                  // and the exact count below catches any extra
            await AdvanceAsync(TimeSpan.FromMilliseconds(10));
            await WaitUntilAsync(() => l.Granted == 5 * (second + 1));
        }
        await Task.WhenAll(waits);
    }

    [Fact]
    public async Task Wait_SameChat_SpacedByThePerChatInterval()
    {
        var l = await LimiterAsync(perSecond: 0, perChatMs: 1000);
        var first = l.WaitAsync(7, SendPriority.Reply, default);
        await WaitUntilAsync(() => first.IsCompleted);
        var second = l.WaitAsync(7, SendPriority.Reply, default);
        var otherChat = l.WaitAsync(8, SendPriority.Reply, default);
        await WaitUntilAsync(() => otherChat.IsCompleted);

        await AdvanceAsync(TimeSpan.FromMilliseconds(900));
        Assert.False(second.IsCompleted);
        await AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await WaitUntilAsync(() => second.IsCompleted);
    }

    [Fact]
    public async Task Wait_ManyChats_NeverMoreThanTheRateInAnySecond()
    {
        // Counted at fake-clock checkpoints (grants happen only when the clock moves), not by timestamps taken in
        // continuations, which a busy machine runs late.
        var l = await LimiterAsync(perSecond: 20, perChatMs: 0);
        var waits = Enumerable.Range(0, 60).Select(i => l.WaitAsync(i, SendPriority.Broadcast, default)).ToList();
        await WaitUntilAsync(() => l.Granted == 20);

        for (var second = 1; second <= 2; second++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(990));
            await Task.Delay(20);
            Assert.Equal(20 * second, l.Granted);                 // the window is full until its first grant is a second old
            await AdvanceAsync(TimeSpan.FromMilliseconds(10));
            await WaitUntilAsync(() => l.Granted == 20 * (second + 1));
        }
        await Task.WhenAll(waits);
        Assert.Equal(60, l.Granted);
    }

    [Fact]
    public async Task Wait_TimerWakesLate_TheBudgetIsNotLostAndNoSecondHoldsMore()
    {
        // Under load the dispatcher wakes 250 ms apart instead of every 50 ms; the backlog must still get the
        // full rate, and no one-second window more than the rate.
        var l = await LimiterAsync(perSecond: 20, perChatMs: 0);
        var waits = Enumerable.Range(0, 200).Select(i => l.WaitAsync(i, SendPriority.Delivery, default)).ToList();
        await WaitUntilAsync(() => l.Granted == 20);             // a free window: 20 at once

        for (var second = 1; second <= 3; second++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
            Assert.Equal(20 * second, l.Granted);                 // nothing more inside the window
            await AdvanceAsync(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
            await WaitUntilAsync(() => l.Granted == 20 * (second + 1)); // a late wake still gets the whole next 20
        }
        Assert.Equal(200 - 80, l.Waiting);
    }

    [Fact]
    public async Task PauseFor_After429_NobodyIsLetThroughUntilRetryAfter()
    {
        var l = await LimiterAsync(perSecond: 0, perChatMs: 0);
        l.PauseFor(TimeSpan.FromSeconds(5));
        var waiting = l.WaitAsync(1, SendPriority.Reply, default);

        await AdvanceAsync(TimeSpan.FromSeconds(4.9), TimeSpan.FromMilliseconds(100));
        Assert.False(waiting.IsCompleted);
        await AdvanceAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100));
        await WaitUntilAsync(() => waiting.IsCompleted);
    }

    [Fact]
    public async Task Wait_Cancelled_LeavesTheQueue()
    {
        var l = await LimiterAsync(perSecond: 0, perChatMs: 1000);
        var first = l.WaitAsync(1, SendPriority.Reply, default);
        await WaitUntilAsync(() => first.IsCompleted);
        using var cts = new CancellationTokenSource();
        var blocked = l.WaitAsync(1, SendPriority.Reply, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        Assert.Equal(0, l.Waiting);
    }

    public void Dispose() => limiter?.Dispose();

    [Fact]
    public async Task StopAsync_HostStops_DispatcherStopsAndGrantsNoMore()
    {
        var l = await LimiterAsync(perSecond: 0, perChatMs: 1000);
        var first = l.WaitAsync(1, SendPriority.Reply, default);
        await WaitUntilAsync(() => first.IsCompleted);
        var blocked = l.WaitAsync(1, SendPriority.Reply, default);

        await l.StopAsync(CancellationToken.None);
        Assert.True(l.ExecuteTask!.IsCompleted);
        await AdvanceAsync(TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(100));
        Assert.False(blocked.IsCompleted);
    }
}
