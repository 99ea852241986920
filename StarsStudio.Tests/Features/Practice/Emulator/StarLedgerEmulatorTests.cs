using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>The emulator's Star ledger: paid-broadcast charges, refunds that reuse the id, nanostars and seeded kinds.</summary>
public sealed class StarLedgerEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly PracticeAppFactory app;

    public StarLedgerEmulatorTests() => app = new PracticeAppFactory().WithClock(clock);

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<List<LedgerEntry>> LedgerAsync(PracticeTestBot bot)
    {
        var json = await bot.Client.SendRequest(new RawStarTransactionsRequest { Offset = 0, Limit = 100 });
        return [.. json.GetProperty("transactions").EnumerateArray().Select(t => StarTransactionClassifier.Classify(t, bot.BotId, DateTimeOffset.UtcNow))];
    }

    [Fact]
    public async Task Transactions_PaymentRefundAndPaidBroadcast_ListedWithTheirPartnersAndNanostars()
    {
        var bot = await app.NewBotAsync();
        var payer = await app.Control.CreateBuyerAsync(bot.BotId, "Payer", null, "en", 10);
        await bot.Client.SendInvoice(payer.UserId, "Credits", "Credits for the bot", "p-10", "XTR", [new LabeledPrice("Credits", 10)]);
        var paying = app.Control.PayAsync(bot.BotId, payer.UserId);
        var query = (await bot.Client.GetUpdates(timeout: 30)).Single(u => u.PreCheckoutQuery is not null);
        await bot.Client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
        var charge = (await paying).ChargeId!;
        await bot.Client.RefundStarPayment(payer.UserId, charge);
        // Stars for the paid messages, from another kind of income.
        await app.Control.AddTransactionAsync(bot.BotId, new SeedTransaction("other", 5));
        clock.Advance(TimeSpan.FromSeconds(5));
        var readers = new List<PracticeBuyer>();
        for (var i = 0; i < 12; i++) readers.Add(await app.Control.CreateBuyerAsync(bot.BotId, $"Reader {i}"));
        // 36 messages in one second: 6 above the free 30 are paid, 0.1 Star each.
        for (var round = 0; round < 3; round++)
            foreach (var reader in readers)
                await bot.Client.SendMessage(reader.UserId, "launch news", allowPaidBroadcast: true);

        var ledger = await LedgerAsync(bot);

        var sale = Assert.Single(ledger, e => e.TransactionId == charge && !e.Outgoing);
        Assert.Equal(LedgerKind.InvoicePayment, sale.Kind);
        var refund = Assert.Single(ledger, e => e.TransactionId == charge && e.Outgoing);
        Assert.True(refund.IsRefund);
        var broadcast = Assert.Single(ledger, e => e.Kind == LedgerKind.PaidBroadcast);
        Assert.Equal(6, broadcast.RequestCount);
        Assert.Equal(600_000_000, broadcast.TotalNanostars);
        var balance = await bot.Client.GetMyStarBalance();
        Assert.Equal(ledger.Sum(e => e.SignedNanostars), StarMath.ToNanostars(balance.Amount, balance.NanostarAmount ?? 0));
    }

    [Fact]
    public async Task SeededKinds_ListedAsSentAndMoveTheBalanceInNanostars()
    {
        var bot = await app.NewBotAsync();
        await app.Control.AddTransactionAsync(bot.BotId, new SeedTransaction("user", 20, TransactionType: "paid_media_payment", UserId: 5));
        await app.Control.AddTransactionAsync(bot.BotId, new SeedTransaction("affiliate_program", 1, 250_000_000));
        await app.Control.AddTransactionAsync(bot.BotId, new SeedTransaction("fragment", 10, Outgoing: true));
        await app.Control.AddTransactionAsync(bot.BotId, new SeedTransaction("stars_lottery", 3, Fields: new JsonObject { ["ticket"] = 7 }));

        var ledger = await LedgerAsync(bot);

        Assert.Equal([LedgerKind.PaidMedia, LedgerKind.AffiliateCommission, LedgerKind.Withdrawal, LedgerKind.Unknown], ledger.Select(e => e.Kind));
        Assert.Equal("stars_lottery", ledger[3].PartnerType);
        var balance = await bot.Client.GetMyStarBalance();
        Assert.Equal(14, balance.Amount);
        Assert.Equal(250_000_000, balance.NanostarAmount);
        var listed = await app.Control.TransactionsAsync(bot.BotId);
        Assert.Equal("fragment", listed[2].PartnerType);
        Assert.True(listed[2].Refund);
    }
}
