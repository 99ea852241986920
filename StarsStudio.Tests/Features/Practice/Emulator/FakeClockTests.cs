using Microsoft.Extensions.Time.Testing;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>Deadlines and flood control on a FakeTimeProvider: time moves only when the test says so.</summary>
public sealed class FakeClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly PracticeAppFactory app;

    public FakeClockTests() => app = new PracticeAppFactory().WithClock(clock);

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<PaymentOutcome> PayAndApproveAsync(PracticeTestBot bot, long userId, int stars)
    {
        await bot.Client.SendInvoice(userId, "Credits", "Credits for the bot", "p-" + stars, "XTR", [new LabeledPrice("Credits", stars)]);
        var paying = app.Control.PayAsync(bot.BotId, userId);
        var query = (await bot.Client.GetUpdates(timeout: 30)).Single(u => u.PreCheckoutQuery is not null);
        await bot.Client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
        await bot.Client.GetUpdates(offset: query.Id + 1);
        return await paying;
    }

    [Fact]
    public async Task PreCheckout_NoAnswerWithin10Seconds_PaymentFailsAndLateAnswerIsQueryIdInvalid()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await bot.Client.SendInvoice(buyer.UserId, "Report", "A generated report", "r-1", "XTR", [new LabeledPrice("Report", 4)]);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = (await bot.Client.GetUpdates(timeout: 30)).Single().PreCheckoutQuery!;

        clock.Advance(TimeSpan.FromSeconds(10.5));
        var outcome = await paying;

        Assert.Equal(PaymentStatus.TimedOut, outcome.Status);
        Assert.Equal("The bot didn't respond in time. Payment was not completed.", outcome.Message);
        var late = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.AnswerPreCheckoutQuery(query.Id));
        Assert.Equal("Bad Request: query is too old and response timeout expired or query ID is invalid", late.Message);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Equal(0, (await bot.Client.GetMyStarBalance()).Amount);
        Assert.Contains(await app.Control.ChatAsync(bot.BotId, buyer.UserId),
            m => m.Kind == PracticeMessageKind.Notice && m.Text == "The bot didn't respond in time. Payment was not completed.");
    }

    [Fact]
    public async Task PreCheckout_AnsweredAfter9Seconds_PaymentSucceeds()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await bot.Client.SendInvoice(buyer.UserId, "Report", "A generated report", "r-1", "XTR", [new LabeledPrice("Report", 4)]);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = (await bot.Client.GetUpdates(timeout: 30)).Single().PreCheckoutQuery!;
        clock.Advance(TimeSpan.FromSeconds(9));
        await bot.Client.AnswerPreCheckoutQuery(query.Id);
        Assert.Equal(PaymentStatus.Paid, (await paying).Status);
    }

    [Fact]
    public async Task SendMessage_FourthMessageToOneChatInASecond_TooManyRequestsWithRetryAfter()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        for (var i = 0; i < 3; i++) await bot.Client.SendMessage(buyer.UserId, $"burst {i}");
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, "one too many"));
        Assert.Equal(429, e.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 1", e.Message);
        Assert.Equal(1, e.Parameters?.RetryAfter);

        clock.Advance(TimeSpan.FromSeconds(1));
        await bot.Client.SendMessage(buyer.UserId, "after waiting");
        var summary = await app.Control.GetBotAsync(bot.BotId);
        Assert.Equal(4, summary.MessagesSent);
        Assert.Equal(1, summary.TooManyRequests);
        Assert.Equal(3, summary.MaxMessagesPerSecondPerChat);
    }

    [Fact]
    public async Task SendMessage_ThirtyFirstMessageInASecondOverall_TooManyRequests()
    {
        var bot = await app.NewBotAsync();
        var buyers = new List<PracticeBuyer>();
        for (var i = 0; i < 31; i++) buyers.Add(await app.Control.CreateBuyerAsync(bot.BotId, $"Buyer {i}"));
        foreach (var buyer in buyers.Take(30)) await bot.Client.SendMessage(buyer.UserId, "news");
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyers[30].UserId, "news"));
        Assert.Equal(429, e.ErrorCode);
        Assert.NotNull(e.Parameters?.RetryAfter);

        var summary = await app.Control.GetBotAsync(bot.BotId);
        Assert.Equal(30, summary.MaxMessagesPerSecondOverall);
        Assert.Equal(1, summary.MaxMessagesPerSecondPerChat);
        clock.Advance(TimeSpan.FromSeconds(1));
        await bot.Client.SendMessage(buyers[30].UserId, "news");
    }

    [Fact]
    public async Task SendMessage_PaidBroadcastAboveThirtyPerSecond_CostsATenthOfAStarEach()
    {
        var bot = await app.NewBotAsync();
        var payer = await app.Control.CreateBuyerAsync(bot.BotId, "Payer", null, "en", 10);
        await PayAndApproveAsync(bot, payer.UserId, 10);
        clock.Advance(TimeSpan.FromSeconds(5));
        var buyers = new List<PracticeBuyer>();
        for (var i = 0; i < 12; i++) buyers.Add(await app.Control.CreateBuyerAsync(bot.BotId, $"Reader {i}"));

        for (var round = 0; round < 3; round++)
            foreach (var buyer in buyers)
                await bot.Client.SendMessage(buyer.UserId, "launch news", allowPaidBroadcast: true);

        var balance = await bot.Client.GetMyStarBalance();
        Assert.Equal(9, balance.Amount);
        Assert.Equal(400_000_000, balance.NanostarAmount);
        var summary = await app.Control.GetBotAsync(bot.BotId);
        Assert.Equal(6, summary.PaidBroadcastMessages);
        Assert.Equal(9.4m, summary.StarBalance);
        Assert.Equal(36, summary.MaxMessagesPerSecondOverall);
    }

    [Fact]
    public async Task RateLimits_SwitchedOffForOneBot_NeverAnswer429()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.SetRateLimitsAsync(bot.BotId, false);
        for (var i = 0; i < 10; i++) await bot.Client.SendMessage(buyer.UserId, $"message {i}");
        var summary = await app.Control.GetBotAsync(bot.BotId);
        Assert.Equal(0, summary.TooManyRequests);
        Assert.False(summary.RateLimitsEnabled);
        Assert.Equal(10, summary.MaxMessagesPerSecondPerChat);
    }
}
