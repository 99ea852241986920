using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Support;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Reminders;

/// <summary>What the reminders pages do: edit, plan a launch, size an audience, schedule, pause, resume, cancel.</summary>
public sealed class RemindersService(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotClientAccessor bots,
    SettingsService settings,
    ReminderSignal signal,
    ReminderNotifier notifier,
    IOptionsMonitor<RemindersOptions> options,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ReminderRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reminders = await db.Reminders.AsNoTracking().ToListAsync(ct);
        var names = await db.PaidActions.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var rows = new List<ReminderRow>();
        foreach (var r in reminders.OrderByDescending(r => r.Status is ReminderStatus.Sending or ReminderStatus.Paused).ThenBy(r => r.SendAt))
            rows.Add(new(r, r.ActionId is { } a ? names.GetValueOrDefault(a) : null, await ProgressAsync(db, r, ct)));
        return rows;
    }

    public async Task<Reminder?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<ReminderProgress> ProgressAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reminders.AsNoTracking().FirstAsync(r => r.Id == id, ct);
        return await ProgressAsync(db, r, ct);
    }

    internal async Task<ReminderProgress> ProgressAsync(StarsDbContext db, Reminder r, CancellationToken ct)
    {
        var counts = await db.ReminderRecipients.Where(x => x.ReminderId == r.Id).GroupBy(x => x.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int Get(RecipientStatus s) => counts.GetValueOrDefault(s);
        var remaining = Get(RecipientStatus.Pending) + Get(RecipientStatus.Sending);
        var rate = r.PaidBroadcast ? options.CurrentValue.PaidMessagesPerSecond : options.CurrentValue.MessagesPerSecond;
        TimeSpan? eta = r.Status == ReminderStatus.Sending && rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null;
        return new(r.Id, r.Status, counts.Values.Sum(), Get(RecipientStatus.Sent), Get(RecipientStatus.Failed), Get(RecipientStatus.Blocked),
            remaining, eta);
    }

    public async Task<IReadOnlyList<PaidAction>> ActionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PaidActions.AsNoTracking().Where(a => a.Status != ActionStatus.Archived).OrderBy(a => a.Name).ToListAsync(ct);
    }

    /// <summary>Language codes buyers' Telegram apps reported, for the language filter.</summary>
    public async Task<IReadOnlyList<string>> LanguagesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var codes = await db.Buyers.Where(b => b.LanguageCode != null).Select(b => b.LanguageCode!).Distinct().ToListAsync(ct);
        return [.. codes.Select(c => c.Split('-')[0].ToLowerInvariant()).Distinct().Order()];
    }

    /// <summary>How many chats the reminder would reach now (1 for a channel); null when the bot is not running.</summary>
    public async Task<int?> AudienceSizeAsync(ReminderForm form, CancellationToken ct = default)
    {
        if (form.ChannelId is not null) return 1;
        if (bots.Current is not { } bot) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Audience.Query(db, bot.BotId, form.Filter, form.FilterActionId, form.Language).CountAsync(ct);
    }

    public async Task<ReminderResult> SaveAsync(string actor, ReminderForm form, CancellationToken ct = default)
    {
        if (form.TranslationProblems().FirstOrDefault() is { } tooLong) return ReminderResult.Fail(tooLong.ToString());
        var zone = await settings.TimeZoneAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Reminder? r;
        if (form.Id is { } id)
        {
            r = await db.Reminders.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) return ReminderResult.Fail("This reminder no longer exists.");
            if (!r.IsEditable) return ReminderResult.Fail("This reminder is already sending or sent; it can no longer be changed.");
        }
        else
        {
            r = new Reminder { Name = form.Name, CreatedAt = clock.GetUtcNow() };
            db.Reminders.Add(r);
        }
        r.Name = form.Name.Trim();
        r.Kind = form.Kind;
        r.ActionId = form.ActionId;
        r.Text = form.Text.Trim();
        var translations = form.ToTranslations();
        if (!Equals(r.Translations, translations)) r.Translations = translations;
        r.BuyButton = form.BuyButton && form.ActionId is not null;
        if (string.IsNullOrWhiteSpace(form.PromoCode)) r.PromoCode = null;
        else
        {
            // The code as the creator made it, so {code} reads as on the codes page; one that does not exist is refused.
            var key = Offers.PromoCodes.Normalize(form.PromoCode);
            if (await db.PromoCodes.AsNoTracking().Where(c => c.Code == key).Select(c => c.Code).FirstOrDefaultAsync(ct) is not { } code)
                return ReminderResult.Fail($"There is no promo code {key}. Make it under Promo codes first, or clear the field.");
            if (form.ActionId is { } actionId && await db.PaidActions.AsNoTracking().Where(a => a.Id == actionId).Select(a => a.Slug).FirstOrDefaultAsync(ct) is { } slug
                && Offers.PromoCodes.StartParameter(slug, code).Length > 64)
                return ReminderResult.Fail($"The link for {code} would be longer than Telegram's 64 characters: use a shorter code or slug.");
            r.PromoCode = code;
        }
        r.SendAt = form.SendNow ? clock.GetUtcNow() : LocalTime.ToUtc(form.SendAtLocal, zone) ?? clock.GetUtcNow();
        r.Filter = form.Filter;
        r.FilterActionId = form.Filter == AudienceFilter.Everyone ? null : form.FilterActionId;
        r.Language = string.IsNullOrWhiteSpace(form.Language) ? null : form.Language.Trim().ToLowerInvariant();
        r.ChannelId = form.ChannelId;
        r.PaidBroadcast = form.PaidBroadcast;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "reminders", $"Saved reminder \"{r.Name}\"", ct);
        signal.Wake();
        return new(true, "Saved.", r);
    }

    /// <summary>Saves and schedules (or sends now, when the form says so).</summary>
    public async Task<ReminderResult> ScheduleAsync(string actor, ReminderForm form, CancellationToken ct = default)
    {
        var saved = await SaveAsync(actor, form, ct);
        if (!saved.Succeeded) return saved;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reminders.FirstAsync(x => x.Id == saved.Reminder!.Id, ct);
        r.Status = ReminderStatus.Scheduled;
        r.Problem = null;
        await db.SaveChangesAsync(ct);
        var zone = await settings.TimeZoneAsync(ct);
        await audit.WriteAsync(actor, "reminders", $"Scheduled reminder \"{r.Name}\" for {LaunchPlan.Format(r.SendAt, zone)}", ct);
        signal.Wake();
        return new(true, r.SendAt <= clock.GetUtcNow() ? "Sending now." : $"Scheduled for {LaunchPlan.Format(r.SendAt, zone)}.", r);
    }

    /// <summary>Back to draft: it will not be sent until scheduled again.</summary>
    public Task<ReminderResult> UnscheduleAsync(string actor, int id, CancellationToken ct = default) =>
        TransitionAsync(actor, id, [ReminderStatus.Scheduled], ReminderStatus.Draft, "Unscheduled", ct);

    public Task<ReminderResult> PauseAsync(string actor, int id, CancellationToken ct = default) =>
        TransitionAsync(actor, id, [ReminderStatus.Sending, ReminderStatus.Scheduled], ReminderStatus.Paused, "Paused", ct);

    public async Task<ReminderResult> ResumeAsync(string actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var started = await db.ReminderRecipients.AnyAsync(x => x.ReminderId == id, ct);
        return await TransitionAsync(actor, id, [ReminderStatus.Paused], started ? ReminderStatus.Sending : ReminderStatus.Scheduled, "Resumed", ct);
    }

    /// <summary>Stops for good: recipients not yet sent to are skipped.</summary>
    public async Task<ReminderResult> CancelAsync(string actor, int id, CancellationToken ct = default)
    {
        var result = await TransitionAsync(actor, id, [ReminderStatus.Scheduled, ReminderStatus.Sending, ReminderStatus.Paused, ReminderStatus.Draft], ReminderStatus.Cancelled, "Cancelled", ct);
        if (!result.Succeeded) return result;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReminderRecipients.Where(x => x.ReminderId == id && x.Status == RecipientStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RecipientStatus.Skipped).SetProperty(x => x.Error, "cancelled"), ct);
        notifier.Publish(await ProgressAsync(id, ct));
        return result;
    }

    public async Task<ReminderResult> DeleteAsync(string actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reminders.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return ReminderResult.Fail("This reminder no longer exists.");
        if (r.Status is not (ReminderStatus.Draft or ReminderStatus.Cancelled or ReminderStatus.Completed))
            return ReminderResult.Fail("Pause or cancel it first.");
        db.Reminders.Remove(r);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "reminders", $"Deleted reminder \"{r.Name}\"", ct);
        return new(true, "Deleted.");
    }

    private async Task<ReminderResult> TransitionAsync(string actor, int id, ReminderStatus[] from, ReminderStatus to, string verb, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One statement, so a page and the broadcaster finishing at the same moment cannot both win.
        var changed = await db.Reminders.Where(r => r.Id == id && from.Contains(r.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to), ct);
        if (changed == 0) return ReminderResult.Fail("The reminder changed meanwhile; reload the page.");
        var r = await db.Reminders.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        await audit.WriteAsync(actor, "reminders", $"{verb} reminder \"{r.Name}\"", ct);
        signal.Wake();
        notifier.Publish(await ProgressAsync(db, r, ct));
        return new(true, $"{verb}.", r);
    }

    /// <summary>The launch plan: top-up reminders at T−24 h and T−1 h and "live now" at T, as drafts to adjust.</summary>
    public async Task<ReminderResult> PlanLaunchAsync(string actor, int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null) return ReminderResult.Fail("This action no longer exists.");
        if (action.LaunchAt is not { } launchAt) return ReminderResult.Fail("Set the planned launch time in the action editor first.");
        var zone = await settings.TimeZoneAsync(ct);
        var now = clock.GetUtcNow();
        var existing = await db.Reminders.Where(r => r.ActionId == actionId && r.Status != ReminderStatus.Cancelled).Select(r => r.SendAt).ToListAsync(ct);
        var added = 0;
        foreach (var p in LaunchPlan.Propose(launchAt, zone))
        {
            if (p.SendAt < now || existing.Contains(p.SendAt)) continue;
            db.Reminders.Add(new Reminder
            {
                Name = p.Name, Kind = p.Kind, ActionId = actionId, Text = ReminderText.DefaultFor(p.Kind), BuyButton = true,
                SendAt = p.SendAt, CreatedAt = now,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        if (added == 0) return new(true, "Nothing to add: the plan's reminders exist already or their time has passed.");
        await audit.WriteAsync(actor, "reminders", $"Planned {added} reminders for the launch of \"{action.Name}\"", ct);
        return new(true, $"Added {added} draft reminder{(added == 1 ? "" : "s")} for {action.Name}. Open each to check the text, then schedule it.");
    }

    public async Task<IReadOnlyList<ReminderChannel>> ChannelsAsync(CancellationToken ct = default)
    {
        if (bots.Current is not { } bot) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReminderChannels.AsNoTracking().Where(c => c.BotId == bot.BotId).OrderBy(c => c.Title).ToListAsync(ct);
    }

    /// <summary>Adds a channel after Telegram confirms it is a channel and the bot is an admin that may post there.</summary>
    public async Task<ReminderResult> AddChannelAsync(string actor, string reference, CancellationToken ct = default)
    {
        var text = reference.Trim();
        if (text.StartsWith("https://t.me/", StringComparison.OrdinalIgnoreCase)) text = "@" + text["https://t.me/".Length..];
        ChatId chat;
        if (long.TryParse(text, out var numeric)) chat = numeric;
        else if (text.Length > 1) chat = text.StartsWith('@') ? text : "@" + text;
        else return ReminderResult.Fail("Type the channel's @username or its numeric id.");
        if (bots.Current is not { } bot) return ReminderResult.Fail(new BotNotRunningException().Message);
        try
        {
            var info = await bot.Client.GetChat(chat, ct);
            if (info.Type != ChatType.Channel) return ReminderResult.Fail("That chat is not a channel.");
            var member = await bot.Client.GetChatMember(info.Id, bot.BotId, ct);
            var canPost = member switch
            {
                ChatMemberOwner => true,
                ChatMemberAdministrator admin => admin.CanPostMessages,
                _ => false,
            };
            if (!canPost) return ReminderResult.Fail($"Make @{bot.Username} an admin of \"{info.Title}\" with the right to post messages, then add it again.");
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.ReminderChannels.FirstOrDefaultAsync(c => c.BotId == bot.BotId && c.ChatId == info.Id, ct);
            if (row is null) db.ReminderChannels.Add(row = new ReminderChannel { BotId = bot.BotId, ChatId = info.Id, Title = info.Title ?? text, AddedAt = clock.GetUtcNow() });
            row.Title = info.Title ?? text;
            row.Username = info.Username;
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "reminders", $"Added the channel \"{row.Title}\"", ct);
            return new(true, $"Added \"{row.Title}\".");
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
        {
            return ReminderResult.Fail($"Telegram does not let @{bot.Username} see that channel. Add the bot as an admin first.");
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TaskCanceledException)
        {
            return ReminderResult.Fail("Could not reach Telegram: " + TelegramErrors.Describe(e));
        }
    }

    public async Task RemoveChannelAsync(string actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReminderChannels.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        await audit.WriteAsync(actor, "reminders", "Removed a channel", ct);
    }
}
