using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>Buyers, orders and reminders written straight to the app's database, and waits on the broadcaster.</summary>
public static class ReminderSeed
{
    public const long BotId = 123456;

    public static async Task BuyersAsync(StarsAppFactory app, IEnumerable<long> ids, string? language = "en", bool optedOut = false)
    {
        await using var db = await app.DbAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids)
            db.Buyers.Add(new Buyer
            {
                BotId = BotId, TelegramUserId = id, FirstName = $"Buyer{id}", Username = $"buyer{id}", UsernameKey = $"buyer{id}",
                LanguageCode = language, FirstSeenAt = now, LastSeenAt = now, OptedOutAt = optedOut ? now : null,
            });
        await db.SaveChangesAsync();
    }

    public static async Task OrderAsync(StarsAppFactory app, long buyer, int actionId, OrderStatus status)
    {
        await using var db = await app.DbAsync();
        db.Orders.Add(new Order
        {
            Code = "SS-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), BotId = BotId, BuyerId = buyer, ActionId = actionId, ActionVersion = 1,
            Stars = 5, Status = status, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        await db.SaveChangesAsync();
    }

    public static Task WaitForBotAsync(StarsAppFactory app, int seconds = Eventually.DefaultSeconds) =>
        Eventually.UntilAsync(() => app.Service<BotClientAccessor>().Current is not null, "the bot to start", seconds);

    /// <summary>Schedules a reminder to everyone (or the form's audience) right now.</summary>
    public static async Task<int> SendNowAsync(StarsAppFactory app, string text, Action<ReminderForm>? tweak = null)
    {
        await WaitForBotAsync(app);
        var form = new ReminderForm { Name = "test", Text = text, BuyButton = false, SendNow = true };
        tweak?.Invoke(form);
        var result = await app.Service<RemindersService>().ScheduleAsync("test", form);
        Assert.True(result.Succeeded, result.Message);
        return result.Reminder!.Id;
    }

    public static Task<ReminderProgress> WaitAsync(StarsAppFactory app, int reminderId, Func<ReminderProgress, bool> until, int seconds = 30) =>
        Eventually.GetAsync(() => app.Service<RemindersService>().ProgressAsync(reminderId), until, progress => $"reminder {reminderId} stayed {progress}", seconds);

    public static Task<ReminderProgress> WaitForCompletedAsync(StarsAppFactory app, int reminderId, int seconds = 30) =>
        WaitAsync(app, reminderId, p => p.Status == ReminderStatus.Completed, seconds);

    public static async Task<List<ReminderRecipient>> RecipientsAsync(StarsAppFactory app, int reminderId)
    {
        await using var db = await app.DbAsync();
        return await db.ReminderRecipients.AsNoTracking().Where(r => r.ReminderId == reminderId).ToListAsync();
    }

    /// <summary>Chats that were sent a message containing the marker, with how many times each.</summary>
    public static Dictionary<long, int> Deliveries(LocalBotApi api, string marker) =>
        api.CallsOf("sendMessage").Where(b => b["text"]?.ToString().Contains(marker) == true)
            .GroupBy(b => long.Parse(b["chat_id"]!.ToString())).ToDictionary(g => g.Key, g => g.Count());
}
