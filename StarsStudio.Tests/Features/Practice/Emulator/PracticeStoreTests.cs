using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>
/// practice.db's group commit when the emulator is killed between a change and its commit: the store's test hooks
/// hold the writer, the emulator "dies" (everything uncommitted is dropped, the next call loads the bot from
/// practice.db). The promise: an update confirmed to the bot never comes back, a charge anyone was told about is
/// never forgotten — kept by not answering before the commit.
/// </summary>
public sealed class PracticeStoreTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }

    public async Task DisposeAsync()
    {
        Store.ReleaseCommits();
        await app.DisposeAsync();
    }

    private PracticeEmulator Emulator => app.Service<PracticeEmulator>();
    private PracticeStore Store => app.Service<PracticeStore>();

    /// <summary>The answer, or null when the call died with the emulator (no answer at all, as from a killed process).</summary>
    private static async Task<T?> AnswerOrNothingAsync<T>(Task<T> call) where T : class
    {
        try { return await call; }
        catch (Exception e) when (e is PracticeCrashedException or RequestException) { return null; }
    }

    private static Func<PracticeRowChange, bool> DeleteOfUpdate(int updateId) =>
        c => c is { Op: PracticeWriteOp.Delete, Row: PracticeUpdateRow u } && u.UpdateId == updateId;

    [Fact]
    public async Task Crash_BetweenConfirmAndCommit_ConfirmWasNotAcknowledged_SoTheUpdateIsStillPending()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "first");
        var first = Assert.Single(await bot.Client.GetUpdates());

        Store.HoldCommits();
        var confirmQueued = Store.WhenQueuedAsync(DeleteOfUpdate(first.Id));
        var confirming = bot.Client.GetUpdates(offset: first.Id + 1);
        await confirmQueued;
        await Emulator.SimulateCrashAsync();
        Store.ReleaseCommits();
        var answer = await AnswerOrNothingAsync(confirming);

        var afterRestart = await bot.Client.GetUpdates();
        Assert.False(answer is not null && afterRestart.Any(u => u.Id == first.Id),
            "getUpdates acknowledged the confirmation of update " + first.Id + ", yet it came back after the crash");
        // The emulator keeps that promise by answering only after the commit, which the crash prevented.
        Assert.Null(answer);
        Assert.Equal(["first"], afterRestart.Select(u => u.Message!.Text));
    }

    [Fact]
    public async Task Crash_BetweenChargeAndCommit_NobodyWasToldOfTheCharge_AndTheStarsAreWhereTheyWere()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await bot.Client.SendInvoice(buyer.UserId, "Pack", "Ten credits", "pack-1", "XTR", [new LabeledPrice("Pack", 4)]);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = Assert.Single(await bot.Client.GetUpdates(timeout: 20));

        Store.HoldCommits();
        var charged = Store.WhenQueuedAsync(c => c is { Op: PracticeWriteOp.Insert, Row: PracticeChargeRow });
        await bot.Client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
        await charged;
        // The bot polls for successful_payment, confirming the pre-checkout query: both wait on the held commit.
        var confirmQueued = Store.WhenQueuedAsync(DeleteOfUpdate(query.Id));
        var polling = bot.Client.GetUpdates(offset: query.Id + 1, timeout: 20);
        await confirmQueued;
        await Emulator.SimulateCrashAsync();
        Store.ReleaseCommits();
        var payment = await AnswerOrNothingAsync(paying);
        var delivered = await AnswerOrNothingAsync(polling) ?? [];

        var transactions = (await bot.Client.GetStarTransactions()).Transactions;
        var told = payment?.Status == PaymentStatus.Paid || delivered.Any(u => u.Message?.SuccessfulPayment is not null);
        Assert.False(told && transactions.Length == 0, "the buyer or the bot was told of a charge that the emulator forgot in the crash");
        Assert.False(told);
        // Nothing of the charge is half there: no transaction, the buyer's Stars and the bot's balance as before.
        Assert.Empty(transactions);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Equal(0, (await bot.Client.GetMyStarBalance()).Amount);
    }

    [Fact]
    public async Task Crash_AfterTheAnswers_ConfirmedUpdatesStayConfirmed_AndTheChargeIsKnown()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync(stars: 10);
        await bot.Client.SendInvoice(buyer.UserId, "Pack", "Ten credits", "pack-1", "XTR", [new LabeledPrice("Pack", 4)]);
        var paying = app.Control.PayAsync(bot.BotId, buyer.UserId);
        var query = Assert.Single(await bot.Client.GetUpdates(timeout: 20));
        await bot.Client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
        var outcome = await paying;
        Assert.Equal(PaymentStatus.Paid, outcome.Status);
        var payment = Assert.Single(await bot.Client.GetUpdates(offset: query.Id + 1));
        Assert.Empty(await bot.Client.GetUpdates(offset: payment.Id + 1));

        await Emulator.SimulateCrashAsync();

        Assert.Empty(await bot.Client.GetUpdates());
        var transaction = Assert.Single((await bot.Client.GetStarTransactions()).Transactions);
        Assert.Equal(outcome.ChargeId, transaction.Id);
        Assert.Equal(6, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
        Assert.Equal(4, (await bot.Client.GetMyStarBalance()).Amount);
        // The restarted emulator still knows the charge well enough to refund it.
        await bot.Client.RefundStarPayment(buyer.UserId, outcome.ChargeId!);
        Assert.Equal(10, (await app.Control.GetBuyerAsync(bot.BotId, buyer.UserId)).Stars);
    }

    [Fact]
    public async Task QueuedRows_AreWrittenAsQueued_InsertThenDeleteLeavesNothing_AndAResetDeletesOnlyWhatCameBefore()
    {
        var botId = Random.Shared.NextInt64(100_000_000, 9_999_999_999);
        PracticeBuyerRow Buyer(long userId) => new() { BotId = botId, UserId = userId, FirstName = "Buyer " + userId, Stars = 5 };
        var bot = new PracticeBotRow { BotId = botId, Token = $"{botId}:store_test", Username = "store_test_bot", FirstName = "Store test" };

        Store.HoldCommits();
        Store.Insert(bot, Buyer(1));
        Store.ResetBot(bot);
        var kept = Buyer(2);
        Store.Insert(kept);
        // Changed in memory but not queued: a commit must never carry state newer than what was queued.
        kept.Stars = 7;
        var gone = Buyer(3);
        Store.Insert(gone);
        Store.Delete([gone]);
        var committed = Store.CommittedFor(botId);
        Store.ReleaseCommits();
        await committed;

        await using var db = await app.Service<IDbContextFactory<PracticeDbContext>>().CreateDbContextAsync();
        var buyers = await db.Buyers.AsNoTracking().Where(b => b.BotId == botId).Select(b => new { b.UserId, b.Stars }).ToListAsync();
        Assert.Equal([(2L, 5L)], buyers.Select(b => (b.UserId, b.Stars)));
        Assert.True(await db.Bots.AnyAsync(b => b.BotId == botId));
    }
}
