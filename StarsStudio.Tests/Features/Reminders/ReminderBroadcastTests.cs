using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Reminders;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reminders;

/// <summary>The real app and broadcaster against a Bot API over HTTP: audiences, faults, pace and restarts.</summary>
public sealed class ReminderBroadcastTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => api = await LocalBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
    }

    private static Task WaitForBuyerAsync(LocalShop shop, long id, Func<StarsStudio.Features.Buyers.Buyer, bool> until) =>
        Eventually.GetAsync(async () =>
        {
            await using var db = await shop.App.DbAsync();
            return await db.Buyers.AsNoTracking().FirstOrDefaultAsync(b => b.TelegramUserId == id);
        }, buyer => buyer is not null && until(buyer), _ => $"buyer {id} did not reach the expected state");

    [Fact]
    public async Task Send_StopThenStartAgain_OnlySubscribedBuyersGetIt()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        foreach (var id in new long[] { 71, 72, 73 }) api.EnqueueText(id, "/start");
        foreach (var id in new long[] { 71, 72, 73 }) await WaitForBuyerAsync(shop, id, _ => true);
        api.EnqueueText(72, "/stop");
        api.EnqueueText(73, "/stop");
        await WaitForBuyerAsync(shop, 72, b => b.OptedOutAt is not null);
        await WaitForBuyerAsync(shop, 73, b => b.OptedOutAt is not null);
        api.EnqueueText(73, "/start");
        await WaitForBuyerAsync(shop, 73, b => b.OptedOutAt is null);

        var id1 = await ReminderSeed.SendNowAsync(shop.App, "Top up now {first_name} #stop-start");
        await ReminderSeed.WaitForCompletedAsync(shop.App, id1);

        var got = ReminderSeed.Deliveries(api, "#stop-start");
        Assert.Equal([71L, 73L], got.Keys.Order());
        Assert.All(got.Values, count => Assert.Equal(1, count));
        Assert.Contains(api.SentTexts(73), t => t == "Top up now Test #stop-start");
    }

    [Fact]
    public async Task Audience_EachFilter_SelectsTheRightBuyers()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var x = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text("drop-x"));
        var y = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits("drop-y"));
        await ReminderSeed.BuyersAsync(shop.App, [1, 2, 3, 4, 5, 6], "en");
        await ReminderSeed.BuyersAsync(shop.App, [7], "de");
        await ReminderSeed.BuyersAsync(shop.App, [8], "de-AT");
        await ReminderSeed.BuyersAsync(shop.App, [9], "de", optedOut: true);
        await ReminderSeed.OrderAsync(shop.App, 1, x.Id, OrderStatus.InvoiceSent);     // opened X, not paid
        await ReminderSeed.OrderAsync(shop.App, 2, x.Id, OrderStatus.Expired);         // opened X, later paid X
        await ReminderSeed.OrderAsync(shop.App, 2, x.Id, OrderStatus.Delivered);
        await ReminderSeed.OrderAsync(shop.App, 3, x.Id, OrderStatus.Rejected);        // opened X, bought Y
        await ReminderSeed.OrderAsync(shop.App, 3, y.Id, OrderStatus.Paid);
        await ReminderSeed.OrderAsync(shop.App, 4, x.Id, OrderStatus.Approved);        // opened X
        await ReminderSeed.OrderAsync(shop.App, 5, y.Id, OrderStatus.DeliveryFailed);  // paid Y
        await ReminderSeed.OrderAsync(shop.App, 9, x.Id, OrderStatus.InvoiceSent);     // opened X but sent /stop
        await using (var db = await shop.App.DbAsync())
            await db.Buyers.Where(b => b.TelegramUserId == 6).ExecuteUpdateAsync(s => s.SetProperty(b => b.BlockedAt, DateTimeOffset.UtcNow));

        async Task<long[]> Who(AudienceFilter filter, int? actionId = null, string? language = null)
        {
            await using var db = await shop.App.DbAsync();
            return [.. (await Audience.Query(db, ReminderSeed.BotId, filter, actionId, language).Select(b => b.TelegramUserId).ToListAsync()).Order()];
        }

        Assert.Equal(new long[] { 1L, 2, 3, 4, 5, 7, 8 }, await Who(AudienceFilter.Everyone));
        Assert.Equal(new long[] { 1L, 3, 4 }, await Who(AudienceFilter.OpenedNotBought, x.Id));
        Assert.Empty(await Who(AudienceFilter.OpenedNotBought));
        Assert.Equal(new long[] { 2L, 3, 5 }, await Who(AudienceFilter.BoughtBefore));
        Assert.Equal(new long[] { 3L, 5 }, await Who(AudienceFilter.BoughtBefore, y.Id));
        Assert.Equal(new long[] { 7L, 8 }, await Who(AudienceFilter.Everyone, language: "de"));
        Assert.Equal(new long[] { 1L, 3, 4 }, await Who(AudienceFilter.OpenedNotBought, x.Id, "EN"));
        Assert.Empty(await Who(AudienceFilter.OpenedNotBought, x.Id, "de"));
        Assert.Equal(3, await shop.App.Service<RemindersService>().AudienceSizeAsync(new ReminderForm { Filter = AudienceFilter.OpenedNotBought, FilterActionId = x.Id }));
    }

    [Fact]
    public async Task Send_BuyerBlockedTheBot_RecipientBlockedAndBuyerMarkedUnreachable()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        await ReminderSeed.BuyersAsync(shop.App, [81, 82, 83]);
        await ReminderSeed.WaitForBotAsync(shop.App);
        api.FailMethod("sendMessage", "blocked", 1);

        var id = await ReminderSeed.SendNowAsync(shop.App, "Top up #blocked");
        var done = await ReminderSeed.WaitForCompletedAsync(shop.App, id);

        Assert.Equal((2, 1, 0), (done.Sent, done.Blocked, done.Failed));
        var blocked = Assert.Single(await ReminderSeed.RecipientsAsync(shop.App, id), r => r.Status == RecipientStatus.Blocked);
        Assert.Contains("blocked", blocked.Error);
        await using var db = await shop.App.DbAsync();
        Assert.NotNull((await db.Buyers.SingleAsync(b => b.TelegramUserId == blocked.ChatId)).BlockedAt);
        Assert.Equal(2, await Audience.Query(db, ReminderSeed.BotId, AudienceFilter.Everyone, null, null).CountAsync());
    }

    [Fact]
    public async Task Send_TooManyRequests_PausesForRetryAfterThenEveryoneGetsItOnce()
    {
        // One request at a time, so no other request is already on its way when the 429 comes back
        // (a request in flight cannot be recalled; everything started after the 429 waits).
        await using var app = LocalShop.NewApp(api, dataDirectory).With("Reminders:MaxInFlight", "1");
        app.Start();
        long[] buyers = [91, 92, 93, 94, 95];
        await ReminderSeed.BuyersAsync(app, buyers);
        await ReminderSeed.WaitForBotAsync(app);
        api.FailMethod("sendMessage", "429", 1);

        var id = await ReminderSeed.SendNowAsync(app, "Top up #429");
        var done = await ReminderSeed.WaitForCompletedAsync(app, id);

        Assert.Equal(5, done.Sent);
        Assert.True(app.Service<BotSender>().TooManyRequests >= 1);
        var sends = api.TimedCalls.Where(c => c.Method == "sendMessage").OrderBy(c => c.At).ToList();
        // The first call got the 429 (retry_after 1 s): the next one came no sooner than that.
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromSeconds(1), $"next send {(sends[1].At - sends[0].At).TotalMilliseconds} ms after the 429");
        Assert.All(await ReminderSeed.RecipientsAsync(app, id), r => Assert.Equal(RecipientStatus.Sent, r.Status));
        // The refused call did not count: every buyer has exactly one accepted message.
        var accepted = sends.Skip(1).GroupBy(c => c.Body["chat_id"]!.ToString()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(buyers.Select(b => b.ToString()).Order(), accepted.Keys.Order());
        Assert.All(accepted.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Send_RateCap_NeverMoreThanTheCapInAnyOneSecondWindow()
    {
        const int cap = 8;
        await using var app = LocalShop.NewApp(api, dataDirectory).With("Reminders:MessagesPerSecond", cap.ToString());
        app.Start();
        var buyers = Enumerable.Range(1000, 30).Select(i => (long)i).ToList();
        await ReminderSeed.BuyersAsync(app, buyers);

        var id = await ReminderSeed.SendNowAsync(app, "Top up #rate");
        var done = await ReminderSeed.WaitForCompletedAsync(app, id, seconds: 60);

        Assert.Equal(30, done.Sent);
        var times = api.TimedCalls.Where(c => c.Method == "sendMessage").Select(c => c.At).Order().ToList();
        Assert.Equal(30, times.Count);
        var perWindow = times.GroupBy(t => t.ToUnixTimeSeconds()).Select(g => g.Count()).ToList();
        Assert.All(perWindow, count => Assert.True(count <= cap, $"{count} sends in one second; cap {cap}"));
        // Sliding windows too: any cap+1 consecutive sends span at least a second.
        for (var i = cap; i < times.Count; i++)
            Assert.True(times[i] - times[i - cap] >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(5), $"sends {i - cap}..{i} within {(times[i] - times[i - cap]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Restart_InTheMiddleOfASend_NobodyGetsItTwice()
    {
        var buyers = Enumerable.Range(2000, 30).Select(i => (long)i).ToList();
        int id;
        long hungChat;
        await using (var first = LocalShop.NewApp(api, dataDirectory).With("Reminders:MessagesPerSecond", "10").With("Telegram:RequestTimeoutSeconds", "20"))
        {
            first.Start();
            await ReminderSeed.BuyersAsync(first, buyers);
            id = await ReminderSeed.SendNowAsync(first, "Top up #restart");
            await ReminderSeed.WaitAsync(first, id, p => p.Sent >= 6);
            // The next call never answers: the app stops while that message is on its way.
            api.FailMethod("sendMessage", "hang", 1);
            var before = api.CallsOf("sendMessage").Count();
            await Eventually.WithinAsync(() => api.CallsOf("sendMessage").Count() > before);
            hungChat = long.Parse(api.CallsOf("sendMessage").ElementAt(before)["chat_id"]!.ToString());
        }
        var stoppedAfter = ReminderSeed.Deliveries(api, "#restart").Count;
        Assert.InRange(stoppedAfter, 7, 29);

        await using var second = LocalShop.NewApp(api, dataDirectory).With("Reminders:MessagesPerSecond", "10");
        second.Start();
        var done = await ReminderSeed.WaitForCompletedAsync(second, id, seconds: 60);

        var got = ReminderSeed.Deliveries(api, "#restart");
        Assert.All(got, kv => Assert.True(kv.Value == 1, $"chat {kv.Key} got it {kv.Value} times"));
        var recipients = await ReminderSeed.RecipientsAsync(second, id);
        Assert.Equal(30, recipients.Count);
        Assert.All(recipients, r => Assert.Contains(r.Status, new[] { RecipientStatus.Sent, RecipientStatus.Failed }));
        // Whoever was mid-call when the app stopped is not resent (at most once), and the row says why.
        var interrupted = recipients.Where(r => r.Status == RecipientStatus.Failed).ToList();
        Assert.Contains(interrupted, r => r.ChatId == hungChat);
        Assert.All(interrupted, r => Assert.Equal(RemindersBroadcaster.InterruptedError, r.Error));
        Assert.Equal(30 - interrupted.Count, done.Sent);
        Assert.All(recipients.Where(r => r.Status == RecipientStatus.Sent), r => Assert.Equal(1, got.GetValueOrDefault(r.ChatId)));
        // The second run finished the list.
        Assert.True(done.Sent > stoppedAfter - interrupted.Count);
    }

    [Fact]
    public async Task PauseAndResume_WhileSending_StopsClaimingThenFinishes()
    {
        await using var app = LocalShop.NewApp(api, dataDirectory).With("Reminders:MessagesPerSecond", "10");
        app.Start();
        await ReminderSeed.BuyersAsync(app, Enumerable.Range(3000, 20).Select(i => (long)i));
        var reminders = app.Service<RemindersService>();
        var id = await ReminderSeed.SendNowAsync(app, "Top up #pause");
        await ReminderSeed.WaitAsync(app, id, p => p.Sent >= 3);

        Assert.True((await reminders.PauseAsync("test", id)).Succeeded);
        var paused = await ReminderSeed.WaitAsync(app, id, p => p.Status == ReminderStatus.Paused && p.Remaining > 0 &&
            ReminderSeed.RecipientsAsync(app, id).Result.All(r => r.Status != RecipientStatus.Sending));
        var sentWhilePaused = paused.Sent;
        Assert.True(paused.Remaining > 0);
        Assert.Equal(sentWhilePaused, ReminderSeed.Deliveries(api, "#pause").Count);

        Assert.True((await reminders.ResumeAsync("test", id)).Succeeded);
        var done = await ReminderSeed.WaitForCompletedAsync(app, id);
        Assert.Equal(20, done.Sent);
        Assert.All(ReminderSeed.Deliveries(api, "#pause").Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task AddChannel_BotIsAdmin_StoredAndAReminderIsPostedThereOnce()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        api.Channels[-100777] = (-100777, "Runners club", "runners_club", true);
        api.Channels[-100888] = (-100888, "Not mine", "not_mine", false);
        await ReminderSeed.BuyersAsync(shop.App, [501, 502]);
        await ReminderSeed.WaitForBotAsync(shop.App);
        var reminders = shop.App.Service<RemindersService>();

        Assert.False((await reminders.AddChannelAsync("test", "@not_mine")).Succeeded);
        Assert.False((await reminders.AddChannelAsync("test", "@nobody_here")).Succeeded);
        var added = await reminders.AddChannelAsync("test", "https://t.me/runners_club");
        Assert.True(added.Succeeded, added.Message);
        var channel = Assert.Single(await reminders.ChannelsAsync());
        Assert.Equal((-100777L, "Runners club"), (channel.ChatId, channel.Title));

        var id = await ReminderSeed.SendNowAsync(shop.App, "Top up, {first_name} #channel", f => f.ChannelId = channel.Id);
        var done = await ReminderSeed.WaitForCompletedAsync(shop.App, id);

        Assert.Equal((1, 1), (done.Total, done.Sent));
        Assert.Equal(new Dictionary<long, int> { [-100777] = 1 }, ReminderSeed.Deliveries(api, "#channel"));
        Assert.Contains("Top up, everyone #channel", api.SentTexts(-100777));
    }

    [Fact]
    public async Task Checklist_PlanAndScheduleBeforeLaunch_TopUpLineTurnsGreen()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var launch = DateTime.UtcNow.AddDays(3).Date.AddHours(18);
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text("launch-x"), f => f.LaunchAtLocal = launch);
        var checklist = shop.App.Service<LaunchChecklist>();
        var form = PaidActionForm.From(action, TimeZoneInfo.Utc);
        var reminders = shop.App.Service<RemindersService>();

        var before = await checklist.EvaluateAsync(form);
        Assert.True(before.Single(i => i.Key == "launch-time").Met);
        Assert.False(before.Single(i => i.Key == "topup-reminder").Met);

        var planned = await reminders.PlanLaunchAsync("test", action.Id);
        Assert.True(planned.Succeeded, planned.Message);
        var rows = (await reminders.ListAsync()).Where(r => r.Reminder.ActionId == action.Id).OrderBy(r => r.Reminder.SendAt).ToList();
        Assert.Equal([launch.AddDays(-1), launch.AddHours(-1), launch], rows.Select(r => r.Reminder.SendAt.UtcDateTime));
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Draft, r.Reminder.Status));
        Assert.Contains("draft", (await checklist.EvaluateAsync(form)).Single(i => i.Key == "topup-reminder").Detail);

        var first = ReminderForm.From(rows[0].Reminder, TimeZoneInfo.Utc);
        Assert.True((await reminders.ScheduleAsync("test", first)).Succeeded);
        Assert.True((await checklist.EvaluateAsync(form)).Single(i => i.Key == "topup-reminder").Met);
        // Planning again adds nothing twice.
        await reminders.PlanLaunchAsync("test", action.Id);
        Assert.Equal(3, (await reminders.ListAsync()).Count(r => r.Reminder.ActionId == action.Id));
    }
}
