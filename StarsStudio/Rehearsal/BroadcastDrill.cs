using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Rehearsal;

/// <summary>
/// A top-up reminder to N buyers at the configured cap, with the emulator's limits on: the achieved rate,
/// the 429 count, the most messages in any second, and that everyone got it exactly once.
/// </summary>
public static class BroadcastDrill
{
    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Limits = true, Floor = false };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var count = options.BroadcastBuyers ?? 10_000;
            await output.WriteLineAsync($"Drill broadcast: creating {count:N0} buyers …");
            var buyers = await Benchmark.CreateBuyersAsync(control, host.BotId, count, 0);
            // They started the bot some time ago: straight into the buyer list, as /start would have put them.
            await using (var db = await host.DbAsync())
            {
                var now = DateTimeOffset.UtcNow;
                db.Buyers.AddRange(buyers.Select((id, i) => new Buyer { BotId = host.BotId, TelegramUserId = id, FirstName = $"Buyer {i + 1}", FirstSeenAt = now, LastSeenAt = now, LanguageCode = "en" }));
                await db.SaveChangesAsync();
            }

            var before = await control.GetBotAsync(host.BotId);
            await control.ResetRehearsalStatsAsync(host.BotId);
            var reminders = host.Service<RemindersService>();
            var form = new ReminderForm { Name = "Top up before the launch", Text = "Hi {first_name}! Our launch is tomorrow — top up your Stars today: {topup_link}", BuyButton = false, SendNow = true };
            var scheduled = await reminders.ScheduleAsync("rehearsal", form);
            if (!scheduled.Succeeded) throw new InvalidOperationException(scheduled.Message);
            var watch = Stopwatch.StartNew();
            ReminderProgress progress;
            var lastReported = -1;
            do
            {
                await Task.Delay(500);
                progress = await reminders.ProgressAsync(scheduled.Reminder!.Id);
                var tenth = (int)(progress.Percent / 10);
                if (tenth != lastReported) { lastReported = tenth; await output.WriteLineAsync($"  {progress.Done:N0}/{progress.Total:N0} sent ({progress.Percent:0}%)"); }
            } while (progress.Status is not (ReminderStatus.Completed or ReminderStatus.Cancelled) && watch.Elapsed < TimeSpan.FromHours(2));
            var seconds = watch.Elapsed.TotalSeconds;

            var after = await control.GetBotAsync(host.BotId);
            var stats = await control.RehearsalStatsAsync(host.BotId);
            var busy = stats.LastSentAt is { } last && stats.FirstSentAt is { } first ? (last - first).TotalSeconds : seconds;
            var received = 0;
            var twice = 0;
            foreach (var buyer in buyers)
            {
                var got = (await control.ChatAsync(host.BotId, buyer)).Count(m => m.Text?.Contains("Our launch is tomorrow") == true);
                if (got >= 1) received++;
                if (got > 1) twice++;
            }
            var figures = new Dictionary<string, string>
            {
                ["buyers"] = count.ToString("N0"),
                ["sent / failed / blocked"] = $"{progress.Sent:N0} / {progress.Failed:N0} / {progress.Blocked:N0}",
                ["achieved rate"] = $"{progress.Sent / Math.Max(0.001, busy):0.0} msg/s (cap: Reminders:MessagesPerSecond, default 25)",
                ["duration"] = $"{seconds:0} s",
                ["429s received"] = (after.TooManyRequests - before.TooManyRequests).ToString(),
                ["most messages in any 1 s"] = after.MaxMessagesPerSecondOverall.ToString(),
            };
            var invariants = new List<InvariantResult>
            {
                new("every buyer got the reminder exactly once", received == count && twice == 0, $"{received:N0} of {count:N0} received it, {twice} twice"),
                new("Telegram's 30 msg/s never exceeded", after.MaxMessagesPerSecondOverall <= 30, $"most in one second: {after.MaxMessagesPerSecondOverall}"),
                new("no 429", after.TooManyRequests == before.TooManyRequests, $"{after.TooManyRequests - before.TooManyRequests} received"),
            };
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), null, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }
}
