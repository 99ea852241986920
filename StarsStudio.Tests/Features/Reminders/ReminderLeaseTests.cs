using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Reminders;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reminders;

/// <summary>
/// Recipient claims and their leases: a row another sender still holds is left alone, a dead sender's row is settled
/// as interrupted (never resent) and its reminder completes, and two broadcasters on one database send each
/// recipient once. Runs on the suite's database (SQLite, or PostgreSQL with STARS_TEST_DATABASE=Postgres); the
/// two-instance race runs on PostgreSQL as well whenever a server is given.
/// </summary>
public sealed class ReminderLeaseTests : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private readonly List<LocalBotApi> apis = [];
    private readonly List<LocalShop> shops = [];
    private bool explicitPostgres;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var shop in shops) await shop.DisposeAsync();
        foreach (var api in apis) await api.DisposeAsync();
        if (explicitPostgres || TestDatabase.AppsOnPostgres) await TestDatabase.DropAsync(dataDirectory);
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<LocalShop> StartShopAsync(bool onPostgres = false, int messagesPerSecond = 25, int updatesFrom = 0)
    {
        var api = await LocalBotApi.StartAsync();
        apis.Add(api);
        if (updatesFrom > 0) api.NumberUpdatesFrom(updatesFrom);
        var shop = await LocalShop.StartAsync(api, dataDirectory, app =>
        {
            app.With("Reminders:MessagesPerSecond", messagesPerSecond.ToString());
            if (onPostgres)
                foreach (var (key, value) in TestDatabase.PostgresSettings(dataDirectory)) app.With(key, value);
        });
        shops.Add(shop);
        return shop;
    }

    private static ReminderRecipient Held(long chatId, DateTimeOffset leaseUntil) => new()
    {
        ChatId = chatId, FirstName = $"Buyer{chatId}", Status = RecipientStatus.Sending, Attempt = 1, ClaimToken = Guid.NewGuid(), LeaseUntil = leaseUntil,
    };

    /// <summary>A reminder already sending, as another sender left it: some recipients to go, some on that sender's wire.</summary>
    private static async Task<int> SendingReminderAsync(StarsAppFactory app, string text, IEnumerable<long> pending, params ReminderRecipient[] held)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await app.DbAsync();
        var reminder = new Reminder
        {
            Name = "lease", Text = text, Status = ReminderStatus.Sending, SendAt = now, CreatedAt = now, StartedAt = now, BotId = ReminderSeed.BotId,
        };
        db.Reminders.Add(reminder);
        await db.SaveChangesAsync();
        db.ReminderRecipients.AddRange(pending.Select(chat => new ReminderRecipient { ReminderId = reminder.Id, ChatId = chat, FirstName = $"Buyer{chat}" }));
        foreach (var row in held) row.ReminderId = reminder.Id;
        db.ReminderRecipients.AddRange(held);
        await db.SaveChangesAsync();
        return reminder.Id;
    }

    [Fact]
    public async Task Recovery_LeaseStillRunning_LeftAloneUntilItRunsOut_ThenInterruptedAndReminderCompletes()
    {
        var shop = await StartShopAsync();
        // A first reminder sent to the end proves the broadcaster is past its start (where SQLite settles everything).
        await ReminderSeed.BuyersAsync(shop.App, [4101, 4102, 4103, 4104]);
        await ReminderSeed.WaitForCompletedAsync(shop.App, await ReminderSeed.SendNowAsync(shop.App, "Warm up #warm-one"));

        var alive = Held(4105, DateTimeOffset.UtcNow.AddHours(1));
        var dead = Held(4106, DateTimeOffset.UtcNow.AddMinutes(-1));
        var id = await SendingReminderAsync(shop.App, "Top up #lease", [4101, 4102, 4103, 4104], alive, dead);

        // The loop sends the rest and settles the dead sender's row; the living sender's row stays its own.
        var rows = await Eventually.GetAsync(() => ReminderSeed.RecipientsAsync(shop.App, id),
            r => r.Count(x => x.Status == RecipientStatus.Sent) == 4 && r.Single(x => x.ChatId == 4106).Status == RecipientStatus.Failed,
            r => $"recipients stayed {string.Join(", ", r.Select(x => $"{x.ChatId}:{x.Status}"))}");
        Assert.Equal(RemindersBroadcaster.InterruptedError, rows.Single(x => x.ChatId == 4106).Error);
        Assert.Equal(0, await shop.App.Service<RemindersBroadcaster>().RecoverInterruptedAsync(CancellationToken.None));
        var stillHeld = Assert.Single(await ReminderSeed.RecipientsAsync(shop.App, id), x => x.ChatId == 4105);
        Assert.Equal((RecipientStatus.Sending, alive.ClaimToken), (stillHeld.Status, stillHeld.ClaimToken));
        Assert.Equal(ReminderStatus.Sending, (await shop.App.Service<RemindersService>().ProgressAsync(id)).Status);

        // That sender dies: once its lease has run out the row is settled too, and the reminder completes.
        await using (var db = await shop.App.DbAsync())
            await db.ReminderRecipients.Where(x => x.Id == stillHeld.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var done = await ReminderSeed.WaitForCompletedAsync(shop.App, id);

        Assert.Equal((4, 2), (done.Sent, done.Failed));
        var settled = (await ReminderSeed.RecipientsAsync(shop.App, id)).Single(x => x.ChatId == 4105);
        Assert.Equal((RecipientStatus.Failed, RemindersBroadcaster.InterruptedError), (settled.Status, settled.Error));
        // Interrupted rows are never resent: only the four that were waiting got it, once each.
        Assert.Equal(new Dictionary<long, int> { [4101] = 1, [4102] = 1, [4103] = 1, [4104] = 1 }, ReminderSeed.Deliveries(shop.Api, "#lease"));
    }

    [Fact]
    public async Task Recovery_DeadSendersRowOfAnEarlierReminder_DoesNotHoldUpTheNextOne()
    {
        var shop = await StartShopAsync();
        await ReminderSeed.BuyersAsync(shop.App, [4201, 4202]);
        await ReminderSeed.WaitForCompletedAsync(shop.App, await ReminderSeed.SendNowAsync(shop.App, "Warm up #warm-two"));
        // The first reminder's last recipient is on a living sender's wire: nothing of it is left to claim.
        var first = await SendingReminderAsync(shop.App, "First #hold-first", [], Held(4201, DateTimeOffset.UtcNow.AddHours(1)));

        var second = await ReminderSeed.SendNowAsync(shop.App, "Second #hold-second");
        await ReminderSeed.WaitForCompletedAsync(shop.App, second);

        Assert.Equal(ReminderStatus.Sending, (await shop.App.Service<RemindersService>().ProgressAsync(first)).Status);
        Assert.Equal(new Dictionary<long, int> { [4201] = 1, [4202] = 1 }, ReminderSeed.Deliveries(shop.Api, "#hold-second"));
        Assert.Empty(ReminderSeed.Deliveries(shop.Api, "#hold-first"));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(120, true)]
    [InlineData(3601, false)]
    public void LeaseSeconds_Validated_OnlyAValidRangeStarts(int seconds, bool valid)
    {
        var options = new RemindersOptions { LeaseSeconds = seconds };
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Fact]
    public Task TwoHosts_OnTheSuitesDatabase_RaceOneRemindersRecipients_EachSentExactlyOnce() => RaceAsync(onPostgres: false);

    [PostgresFact]
    public Task TwoHosts_OnOnePostgres_RaceOneRemindersRecipients_EachSentExactlyOnce() => RaceAsync(onPostgres: true);

    /// <summary>
    /// Two app hosts on one database, each behind its own Bot API standing for the same bot. Besides whichever runs
    /// the broadcaster, each host is also driven by hand (as an instance that just lost the lock still is, for a
    /// moment), so two senders claim from one list at once.
    /// </summary>
    private async Task RaceAsync(bool onPostgres)
    {
        explicitPostgres = onPostgres;
        var first = await StartShopAsync(onPostgres, messagesPerSecond: 20);
        var second = await StartShopAsync(onPostgres, messagesPerSecond: 20, updatesFrom: 500_000);
        var buyers = Enumerable.Range(5000, 80).Select(i => (long)i).ToList();
        await ReminderSeed.BuyersAsync(first.App, buyers);

        var id = await ReminderSeed.SendNowAsync(first.App, "Top up #race");
        // Once it has started (its audience frozen), both hosts claim from it.
        await ReminderSeed.WaitAsync(first.App, id, p => p.Status == ReminderStatus.Sending && p.Total == buyers.Count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(DriveAsync(first, id, timeout.Token), DriveAsync(second, id, timeout.Token));
        var done = await ReminderSeed.WaitForCompletedAsync(first.App, id);

        var byFirst = ReminderSeed.Deliveries(first.Api, "#race");
        var bySecond = ReminderSeed.Deliveries(second.Api, "#race");
        var all = byFirst.Concat(bySecond).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        Assert.Equal(buyers, all.Keys.Order());
        Assert.All(all, kv => Assert.True(kv.Value == 1, $"chat {kv.Key} got it {kv.Value} times"));
        Assert.Equal(buyers.Count, done.Sent);
        Assert.All(await ReminderSeed.RecipientsAsync(first.App, id), r => Assert.Equal((RecipientStatus.Sent, 1), (r.Status, r.Attempt)));
        // Both really sent: the list was shared out, not sent by one while the other watched.
        Assert.True(byFirst.Count > 0 && bySecond.Count > 0, $"first sent {byFirst.Count}, second {bySecond.Count}");
    }

    private static async Task DriveAsync(LocalShop shop, int reminderId, CancellationToken ct)
    {
        var broadcaster = shop.App.Service<RemindersBroadcaster>();
        var reminders = shop.App.Service<RemindersService>();
        while ((await reminders.ProgressAsync(reminderId, ct)).Status != ReminderStatus.Completed)
            if (!await broadcaster.RunOnceAsync(ct)) await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
    }
}
