using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Reminders;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Ledger;

/// <summary>The ledger read from getStarTransactions over HTTP: every kind, refunds, incremental pages, 429s, the balance.</summary>
public sealed class LedgerReaderTests : IAsyncLifetime
{
    private LocalShop shop = null!;
    private const string Staff = "support@test.local";

    public async Task InitializeAsync() => shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await shop.DisposeAsync();

    private RunningBot Bot => shop.App.Service<BotClientAccessor>().Require();
    private LedgerReader Reader => shop.App.Service<LedgerReader>();

    private List<int> Offsets() => [.. shop.Api.CallsOf("getStarTransactions").Select(c => c["offset"]?.GetValue<int>() ?? 0)];

    private async Task<List<LedgerEntry>> EntriesAsync()
    {
        await using var db = await shop.App.DbAsync();
        return await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Reconcile_PaidMediaGiftAndOtherKinds_StoredByKindAndNeverOrderFindings()
    {
        var api = shop.Api;
        api.AddStarTransaction("media-1", LocalBotApi.UserPartner(7, "paid_media_payment"), 25);
        api.AddStarTransaction("gift-1", LocalBotApi.UserPartner(8, "gift_purchase"), 15);
        api.AddStarTransaction("premium-1", LocalBotApi.UserPartner(9, "premium_purchase"), 500, outgoing: true);
        api.AddStarTransaction("biz-1", LocalBotApi.UserPartner(10, "business_account_transfer"), 3);
        api.AddStarTransaction("aff-1", new JsonObject { ["type"] = "affiliate_program", ["commission_per_mille"] = 100 }, 1, 500_000_000);
        api.AddStarTransaction("api-1", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 12 }, 1, 200_000_000, outgoing: true);
        api.AddStarTransaction("frag-1", new JsonObject { ["type"] = "fragment", ["withdrawal_state"] = new JsonObject { ["type"] = "pending" } }, 10, outgoing: true);
        api.AddStarTransaction("ads-1", new JsonObject { ["type"] = "telegram_ads" }, 2, outgoing: true);
        api.AddStarTransaction("chat-1", new JsonObject { ["type"] = "chat", ["chat"] = new JsonObject { ["id"] = -100, ["type"] = "channel", ["title"] = "News" } }, 4);
        api.AddStarTransaction("other-1", new JsonObject { ["type"] = "other" }, 6);
        api.AddStarTransaction("future-1", new JsonObject { ["type"] = "stars_lottery", ["ticket"] = 9 }, 11);
        api.AddStarTransaction("future-2", LocalBotApi.UserPartner(11, "star_swap"), 12);
        // A sale with no payment recorded here: the one kind that is a finding.
        api.AddStarPayment(12, "sale-missing", 5, "o999.bad");

        var summary = await shop.App.Service<ReconciliationService>().RunAsync(Staff);

        Assert.Equal(13, summary.TransactionsRead);
        var findings = await shop.App.Service<ReconciliationService>().OpenFindingsAsync();
        Assert.Equal("sale-missing", Assert.Single(findings).ChargeId);
        var kinds = (await EntriesAsync()).ToDictionary(e => e.TransactionId, e => e.Kind);
        Assert.Equal(LedgerKind.PaidMedia, kinds["media-1"]);
        Assert.Equal(LedgerKind.Gift, kinds["gift-1"]);
        Assert.Equal(LedgerKind.PremiumPurchase, kinds["premium-1"]);
        Assert.Equal(LedgerKind.BusinessTransfer, kinds["biz-1"]);
        Assert.Equal(LedgerKind.AffiliateCommission, kinds["aff-1"]);
        Assert.Equal(LedgerKind.PaidBroadcast, kinds["api-1"]);
        Assert.Equal(LedgerKind.Withdrawal, kinds["frag-1"]);
        Assert.Equal(LedgerKind.TelegramAds, kinds["ads-1"]);
        Assert.Equal(LedgerKind.Chat, kinds["chat-1"]);
        Assert.Equal(LedgerKind.Other, kinds["other-1"]);
        Assert.Equal(LedgerKind.Unknown, kinds["future-1"]);
        Assert.Equal(LedgerKind.Unknown, kinds["future-2"]);
        Assert.Equal(LedgerKind.InvoicePayment, kinds["sale-missing"]);
    }

    [Fact]
    public async Task Reconcile_RefundReusesThePaymentsId_BothKeptAndTheOrderLinked()
    {
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(price: 5, amount: 50));
        var order = await shop.DeliveredOrderAsync(1, action, "charge-r");
        shop.Api.AddStarRefund(1, "charge-r", 5);

        await shop.App.Service<ReconciliationService>().RunAsync(Staff);

        var both = (await EntriesAsync()).Where(e => e.TransactionId == "charge-r").ToList();
        Assert.Equal(2, both.Count);
        Assert.Single(both, e => !e.Outgoing);
        Assert.True(Assert.Single(both, e => e.Outgoing).IsRefund);
        var zone = TimeZoneInfo.Utc;
        var (refunds, total) = await shop.App.Service<LedgerQuery>().PageAsync(Bot.BotId, new LedgerFilter { Direction = LedgerDirection.Refunds }, zone, 0, 50);
        Assert.Equal(1, total);
        Assert.Equal(order.Id, refunds[0].OrderId);
        Assert.Equal(order.Code, refunds[0].OrderCode);
        // The refund Telegram made behind our back is a finding; the payment itself is not.
        var finding = Assert.Single(await shop.App.Service<ReconciliationService>().OpenFindingsAsync());
        Assert.Equal(FindingKind.RefundedNotRecorded, finding.Kind);
    }

    [Fact]
    public async Task Read_SecondRun_FetchesOnlyTheNewPageWithItsOverlap()
    {
        for (var i = 0; i < 250; i++) shop.Api.AddStarTransaction($"g-{i}", LocalBotApi.UserPartner(100 + i, "gift_purchase"), 1);

        var first = await Reader.ReadAsync(Bot, rebuild: false, default);
        Assert.Equal([0, 100, 200], Offsets());
        Assert.Equal(250, first.Added);
        Assert.True(first.Complete);

        for (var i = 250; i < 280; i++) shop.Api.AddStarTransaction($"g-{i}", LocalBotApi.UserPartner(100 + i, "gift_purchase"), 1);
        var before = Offsets().Count;
        var second = await Reader.ReadAsync(Bot, rebuild: false, default);

        // Only the new page, starting 20 (the overlap) before where the last read ended.
        Assert.Equal([230], Offsets().Skip(before));
        Assert.Equal(30, second.Added);
        Assert.Equal(50, second.Read);
        Assert.Equal(280, (await EntriesAsync()).Count);

        var rebuilt = await Reader.ReadAsync(Bot, rebuild: true, default);
        Assert.Equal(280, rebuilt.Added);
        Assert.Equal(280, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Read_429MidWay_WaitsItOutAndResumesAtTheSamePage()
    {
        for (var i = 0; i < 230; i++) shop.Api.AddStarTransaction($"m-{i}", LocalBotApi.UserPartner(5, "paid_media_payment"), 2);
        // The first page goes through; the second is answered 429 (retry after 1 s) once.
        shop.Api.FailMethod("getStarTransactions", "ok");
        shop.Api.FailMethod("getStarTransactions", "429");

        var result = await Reader.ReadAsync(Bot, rebuild: false, default);

        Assert.Equal(1, result.RateLimitWaits);
        Assert.True(result.Complete);
        Assert.Equal([0, 100, 100, 200], Offsets());
        Assert.Equal(230, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Sums_Nanostars_AddUpExactly()
    {
        // Ten paid-broadcast charges of 0.1 Star and one of 2.7: exactly 3.7 Stars out, where doubles would drift.
        for (var i = 0; i < 10; i++) shop.Api.AddStarTransaction($"b-{i}", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 1 }, 0, 100_000_000, outgoing: true);
        shop.Api.AddStarTransaction("b-big", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 27 }, 2, 700_000_000, outgoing: true);
        shop.Api.AddStarTransaction("in", LocalBotApi.UserPartner(3, "paid_media_payment"), 10, 1);
        await Reader.ReadAsync(Bot, rebuild: false, default);

        var sums = await shop.App.Service<LedgerQuery>().SumsAsync(Bot.BotId);

        Assert.Equal(3_700_000_000, sums[(LedgerKind.PaidBroadcast, true)]);
        Assert.Equal(10_000_000_001, sums[(LedgerKind.PaidMedia, false)]);
        var totals = await shop.App.Service<LedgerQuery>().TotalsAsync(Bot.BotId, new LedgerFilter(), TimeZoneInfo.Utc, weekly: false);
        Assert.Equal(3_700_000_000, Assert.Single(totals, t => t.Kind == LedgerKind.PaidBroadcast).OutNanostars);
    }

    [Fact]
    public async Task Balance_AfterARead_MatchesAndANewTransactionIsExplained()
    {
        shop.Api.AddStarTransaction("s-1", LocalBotApi.UserPartner(3, "paid_media_payment"), 40);
        shop.Api.AddStarTransaction("w-1", new JsonObject { ["type"] = "fragment" }, 25, outgoing: true);
        shop.Api.AddStarTransaction("p-1", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 3 }, 0, 300_000_000, outgoing: true);
        await Reader.ReadAsync(Bot, rebuild: false, default);
        var balances = shop.App.Service<StarBalanceService>();

        var matching = (await balances.ReportAsync(fresh: true))!;
        Assert.Equal(14_700_000_000, matching.TelegramNanostars);
        Assert.Equal(0, matching.DifferenceNanostars);
        Assert.Contains(matching.Lines, l => l.Label == "Withdrawn to Fragment" && l.Nanostars == -25 * StarMath.NanosPerStar);
        Assert.Contains(matching.Lines, l => l.Label == "Spent on paid broadcasts" && l.Nanostars == -300_000_000);

        shop.Api.AddStarTransaction("s-2", LocalBotApi.UserPartner(4, "gift_purchase"), 5);
        var behind = (await balances.ReportAsync(fresh: true))!;
        Assert.Equal(5 * StarMath.NanosPerStar, behind.DifferenceNanostars);
        Assert.Contains("Telegram holds ⭐5 more than the ledger", behind.Explanation);

        await Reader.ReadAsync(Bot, rebuild: false, default);
        Assert.Equal(0, (await balances.ReportAsync(fresh: true))!.DifferenceNanostars);
    }

    [Fact]
    public async Task Balance_CachedBeforeARead_AskedAgainSoTheDifferenceIsNotTheNewTransactions()
    {
        var balances = shop.App.Service<StarBalanceService>();
        Assert.Equal(0, (await balances.ReportAsync())!.TelegramNanostars);
        shop.Api.AddStarTransaction("late-1", LocalBotApi.UserPartner(3, "paid_media_payment"), 40);
        await Reader.ReadAsync(Bot, rebuild: false, default);

        // Not asked fresh: the balance cached before the read is older than the ledger, so it is read again.
        var report = (await balances.ReportAsync())!;

        Assert.Equal(40 * StarMath.NanosPerStar, report.TelegramNanostars);
        Assert.Equal(0, report.DifferenceNanostars);
    }

    [Fact]
    public async Task Read_PaidBroadcastCharge_RecordedOnTheReminderThatSent()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-10);
        int reminderId;
        await using (var db = await shop.App.DbAsync())
        {
            var reminder = new Reminder
            {
                Name = "Launch blast", Text = "Top up now", PaidBroadcast = true, BotId = Bot.BotId, Status = ReminderStatus.Completed,
                CreatedAt = started.AddMinutes(-5), SendAt = started, StartedAt = started, FinishedAt = started.AddMinutes(2),
            };
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            reminderId = reminder.Id;
        }
        shop.Api.AddStarTransaction("api-a", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 70 }, 7, outgoing: true, at: started.AddMinutes(1));
        shop.Api.AddStarTransaction("api-b", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 3 }, 0, 300_000_000, outgoing: true, at: started.AddMinutes(2));
        // Long after the reminder finished: another broadcast's charge.
        shop.Api.AddStarTransaction("api-c", new JsonObject { ["type"] = "telegram_api", ["request_count"] = 1 }, 0, 100_000_000, outgoing: true, at: started.AddDays(-1));

        await Reader.ReadAsync(Bot, rebuild: false, default);

        var (nanos, requests, charges) = await shop.App.Service<LedgerQuery>().BroadcastChargesAsync(reminderId);
        Assert.Equal(7_300_000_000, nanos);
        Assert.Equal(73, requests);
        Assert.Equal(2, charges);
    }
}
