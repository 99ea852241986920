using StarsStudio.Bot;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>The app's own practice bot, polling as in production: reset and restart must leave it answering.</summary>
public sealed class AppPracticeBotTests : IAsyncLifetime
{
    // A long poll as long as in production: a reset that left the poller waiting on a forgotten bot would show
    // as a reply that takes the whole poll timeout, well past the wait below.
    private readonly PracticeAppFactory app = new PracticeAppFactory()
        .With("Telegram:PollTimeoutSeconds", "30")
        .With("Telegram:RequestTimeoutSeconds", "40");

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<long> PracticeBotIdAsync()
    {
        var status = app.Service<BotStatus>();
        await Eventually.WithinAsync(() => status.State == BotState.Practice, seconds: 30);
        Assert.True(status.State == BotState.Practice, $"bot state {status.State}: {status.Problem}");
        return app.Service<BotClientAccessor>().Require().BotId;
    }

    /// <summary>The bot's first message in the chat after <paramref name="afterMessageId"/>; fails after 10 s.</summary>
    private async Task<PracticeChatMessage> ReplyAsync(long botId, long userId, int afterMessageId)
    {
        var reply = await Eventually.WithinAsync(async () => (await app.Control.ChatAsync(botId, userId)).FirstOrDefault(m => m.Kind == PracticeMessageKind.FromBot && m.MessageId > afterMessageId),
            found => found is not null, seconds: 10);
        Assert.True(reply is not null, "the bot did not answer within 10 s");
        return reply;
    }

    [Fact]
    public async Task Reset_WhileTheAppPolls_ANewBuyerGetsAnAnswerAtOnce()
    {
        var botId = await PracticeBotIdAsync();
        var ann = await app.Control.CreateBuyerAsync(botId, "Ann", "ann_first", "en", 10);
        var annStart = await app.Control.StartAsync(botId, ann.UserId);
        Assert.Contains("Hi Ann!", (await ReplyAsync(botId, ann.UserId, annStart)).Text);

        await app.Control.ResetAsync(botId);
        Assert.Empty(await app.Control.ListBuyersAsync(botId));
        Assert.Equal(0, (await app.Control.GetBotAsync(botId)).StarBalance);

        var bob = await app.Control.CreateBuyerAsync(botId, "Bob", "bob_after", "en", 10);
        var bobStart = await app.Control.StartAsync(botId, bob.UserId);
        // Message ids go on after a reset, so the app never mistakes a new message for an old one.
        Assert.True(bobStart > annStart, $"message id {bobStart} after {annStart}");
        Assert.Contains("Hi Bob!", (await ReplyAsync(botId, bob.UserId, bobStart)).Text);
        Assert.Empty(await app.Control.ChatAsync(botId, ann.UserId));
    }

    [Fact]
    public async Task Reset_TestBot_UpdateIdsGoOnAndTheTokenStaysRegistered()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await bot.Client.SendInvoice(buyer.UserId, "Pack", "Ten credits", "pack-1", "XTR", [new LabeledPrice("Pack", 4)]);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = (await bot.Client.GetUpdates(timeout: 20)).Single();
        await bot.Client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
        Assert.Equal(PaymentStatus.Paid, (await paying).Status);
        var last = (await bot.Client.GetUpdates(offset: query.Id + 1)).Single();

        await app.Control.ResetAsync(bot.BotId);
        Assert.Empty((await bot.Client.GetStarTransactions()).Transactions);
        Assert.Equal(0, (await bot.Client.GetMyStarBalance()).Amount);
        var again = await app.Control.CreateBuyerAsync(bot.BotId, "Cy");
        await app.Control.SendTextAsync(bot.BotId, again.UserId, "hello after the reset");
        // The poller still sends its old offset; the new update is above it.
        var next = (await bot.Client.GetUpdates(offset: last.Id + 1)).Single();
        Assert.True(next.Id > last.Id, $"update id {next.Id} after {last.Id}");
        Assert.Equal("hello after the reset", next.Message!.Text);
    }

    [Fact]
    public async Task RestartFromSettings_OldLongPollCancelledByTheClient_BotKeepsAnswering()
    {
        var botId = await PracticeBotIdAsync();
        var emulatorBot = await app.Service<PracticeEmulator>().LoadedBotAsync(botId);
        await Eventually.WithinAsync(() => emulatorBot!.HasPollInProgress, seconds: 10);
        Assert.True(emulatorBot!.HasPollInProgress, "the app's long poll never reached the emulator");

        // What Settings does after a token change: the waiting getUpdates is cancelled client-side and a new loop starts.
        app.Service<BotHostService>().Restart();
        var buyer = await app.Control.CreateBuyerAsync(botId, "Dee", "dee_restart", "en", 0);
        var start = await app.Control.StartAsync(botId, buyer.UserId);
        Assert.Contains("Hi Dee!", (await ReplyAsync(botId, buyer.UserId, start)).Text);
        Assert.Equal(BotState.Practice, app.Service<BotStatus>().State);
    }
}
