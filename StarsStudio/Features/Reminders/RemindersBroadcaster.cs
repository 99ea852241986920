using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Reminders;

/// <summary>
/// Sends reminders when due. When a reminder's time comes its audience is frozen into ReminderRecipient rows;
/// then each recipient is marked Sending before the Bot API call and Sent after it.
/// Delivery is at most once: a recipient whose call was cut off may or may not have the message (the call may have
/// reached Telegram), so it is marked Failed ("interrupted") and never resent: a missed reminder is cheap, a
/// duplicate in a buyer's chat is spam. Calls cancelled before they reached the wire go back to Pending. Each claim
/// carries a token and a lease (Data/ReminderRecipientClaims): a sender that stops settles its own calls; a row
/// whose sender died is settled once its lease ran out, by whichever instance broadcasts then, while rows of a
/// sender still alive are left alone. Paces itself (RemindersOptions) inside BotSender's bot-wide budget at
/// Broadcast priority; a 429 pauses everything for retry_after; a 403 marks the buyer unreachable.
/// </summary>
public sealed class RemindersBroadcaster(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotClientAccessor bots,
    BotSender sender,
    SendLimiter limiter,
    BroadcastPacer pacer,
    BuyerDirectory buyers,
    SettingsService settings,
    RemindersService reminders,
    ReminderSignal signal,
    ReminderNotifier notifier,
    IOptionsMonitor<RemindersOptions> options,
    Singletons singletons,
    TimeProvider clock,
    ILogger<RemindersBroadcaster> logger) : BackgroundService
{
    public const int MaxAttempts = 3;
    public const string InterruptedError = "Interrupted while sending (the app stopped, or its instance went away); not resent, so nobody gets it twice.";
    private const int BatchSize = 200;
    private static readonly TimeSpan IdleCap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PublishEvery = TimeSpan.FromMilliseconds(250);
    /// <summary>How often the loop looks for rows whose sender's lease ran out (the loop wakes at least every IdleCap).</summary>
    private static readonly TimeSpan RecoverEvery = TimeSpan.FromSeconds(5);
    private long nextRecoveryTicks;

    // One instance broadcasts per bot at a time (Data/Singletons): Telegram's broadcast cap is per bot, so one pacer
    // is right. The lock alone does not make sends exclusive, though: an instance that just lost it may still be
    // mid-call, which is why claims are conditional and carry a lease.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singletons.RunAsync("reminders", RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await RecoverAtStartAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken))
                    await signal.WaitAsync(await SleepAsync(stoppingToken), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogError(e, "Reminder broadcaster failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// SQLite serves one process, so whatever is Sending at start belongs to no living sender and is settled at once.
    /// On PostgreSQL another instance may be mid-call right now (it held the lock a moment ago): only the lease decides.
    /// </summary>
    private async Task RecoverAtStartAsync(CancellationToken ct)
    {
        bool onPostgres;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) onPostgres = db.Database.IsNpgsql();
        await RecoverAsync(expiredOnly: onPostgres, ct);
    }

    /// <summary>
    /// At most once: a recipient whose sender's lease ran out (it died, or hung past the lease) is marked interrupted
    /// and not sent to again, so its reminder can complete. Rows of a sender whose lease still runs are left alone.
    /// Returns how many were settled.
    /// </summary>
    public Task<int> RecoverInterruptedAsync(CancellationToken ct) => RecoverAsync(expiredOnly: true, ct);

    private async Task<int> RecoverAsync(bool expiredOnly, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Interlocked.Exchange(ref nextRecoveryTicks, (now + RecoverEvery).UtcTicks);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A row without a lease was claimed before leases existed: nobody renews it, so it counts as run out.
        var count = await db.ReminderRecipients
            .Where(x => x.Status == RecipientStatus.Sending && (!expiredOnly || x.LeaseUntil == null || x.LeaseUntil < now))
            // The token stays: the sender, if it comes back with Telegram's "sent", may still say so (SetAsync).
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RecipientStatus.Failed).SetProperty(x => x.Error, InterruptedError)
                .SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), ct);
        if (count > 0) logger.LogWarning("{Count} reminder messages were interrupted (their sender stopped mid-call); not resent", count);
        return count;
    }

    private Task RecoverIfDueAsync(CancellationToken ct) =>
        clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref nextRecoveryTicks) ? RecoverAsync(expiredOnly: true, ct) : Task.CompletedTask;

    private async Task<TimeSpan> SleepAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var times = await db.Reminders.Where(r => r.Status == ReminderStatus.Scheduled).Select(r => r.SendAt).ToListAsync(ct);
        var wait = ReminderSchedule.SleepUntilNext(times, clock.GetUtcNow(), IdleCap);
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(50);
    }

    /// <summary>Starts due reminders and sends one batch; false when there was nothing to do.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (bots.Current is not { } bot) return false;
        await RecoverIfDueAsync(ct);
        await StartDueAsync(bot, ct);

        int? reminderId;
        List<int> drained;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // A reminder whose last recipients are still on another sender's wire must not hold up the next one.
            reminderId = await db.Reminders
                .Where(r => r.Status == ReminderStatus.Sending && db.ReminderRecipients.Any(x => x.ReminderId == r.Id && x.Status == RecipientStatus.Pending))
                .OrderBy(r => r.StartedAt).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            drained = reminderId is null ? await db.Reminders.Where(r => r.Status == ReminderStatus.Sending).Select(r => r.Id).ToListAsync(ct) : [];
        }
        if (reminderId is { } id)
        {
            await SendBatchAsync(bot, id, ct);
            return true;
        }
        // Nothing left to claim: each completes once its Sending rows are settled (sent, or recovered as interrupted).
        foreach (var done in drained) await FinishAsync(done, ct);
        return false;
    }

    /// <summary>Freezes each due reminder's audience into recipients and flips it to Sending, in one transaction.</summary>
    private async Task StartDueAsync(RunningBot bot, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Reminders.Where(r => r.Status == ReminderStatus.Scheduled && r.SendAt <= now).OrderBy(r => r.SendAt).ToListAsync(ct);
        foreach (var r in due.Where(r => ReminderSchedule.IsDue(r, now)))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.ReminderRecipients.AnyAsync(x => x.ReminderId == r.Id, ct))
            {
                r.Status = ReminderStatus.Sending;
            }
            else if (r.ChannelId is { } channelId)
            {
                var channel = await db.ReminderChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, ct);
                if (channel is null) { r.Status = ReminderStatus.Cancelled; r.Problem = "The channel was removed."; }
                else db.ReminderRecipients.Add(new ReminderRecipient { ReminderId = r.Id, ChatId = channel.ChatId, FirstName = "everyone" });
            }
            else
            {
                var audience = await Audience.Query(db, bot.BotId, r).Select(b => new { b.TelegramUserId, b.FirstName }).ToListAsync(ct);
                db.ReminderRecipients.AddRange(audience.Select(b => new ReminderRecipient { ReminderId = r.Id, ChatId = b.TelegramUserId, FirstName = b.FirstName }));
            }
            if (r.Status == ReminderStatus.Scheduled)
            {
                r.Status = ReminderStatus.Sending;
                r.StartedAt = now;
                r.BotId = bot.BotId;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Reminder {Id} started", r.Id);
            notifier.Publish(await reminders.ProgressAsync(db, r, ct));
        }
    }

    private async Task SendBatchAsync(RunningBot bot, int reminderId, CancellationToken ct)
    {
        Reminder reminder;
        PaidAction? action;
        List<ReminderRecipient> batch;
        Dictionary<long, string?> languages;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            reminder = await db.Reminders.AsNoTracking().FirstAsync(r => r.Id == reminderId, ct);
            action = reminder.ActionId is { } a ? await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a, ct) : null;
            batch = await db.ReminderRecipients.AsNoTracking().Where(x => x.ReminderId == reminderId && x.Status == RecipientStatus.Pending)
                .OrderBy(x => x.Id).Take(BatchSize).ToListAsync(ct);
            // Each recipient gets their language's version: Telegram's language code as last stored on the buyer.
            var chats = batch.Select(x => x.ChatId).ToList();
            var botId = reminder.BotId ?? bot.BotId;
            languages = await db.Buyers.AsNoTracking().Where(b => b.BotId == botId && chats.Contains(b.TelegramUserId))
                .Select(b => new { b.TelegramUserId, b.LanguageCode }).ToDictionaryAsync(b => b.TelegramUserId, b => b.LanguageCode, ct);
        }
        if (batch.Count == 0)
        {
            await FinishAsync(reminderId, ct);
            return;
        }

        var zone = await settings.TimeZoneAsync(ct);
        var botSettings = await settings.GetAsync(ct);
        var topUp = botSettings.TopUpLink;
        InlineKeyboardMarkup? Markup(Languages.Words w) => reminder.BuyButton && action is not null
            ? new InlineKeyboardMarkup(InlineKeyboardButton.WithUrl(w.T("card.buy", ("stars", action.Terms.PriceStars)), DeepLinks.For(bot.Username, action.Slug)))
            : null;
        var o = options.CurrentValue;
        var rate = reminder.PaidBroadcast ? o.PaidMessagesPerSecond : o.MessagesPerSecond;
        var lastPublish = DateTimeOffset.MinValue;

        using var inFlight = new SemaphoreSlim(Math.Max(1, o.MaxInFlight));
        var running = new List<Task>();
        try
        {
            foreach (var recipient in batch)
            {
                await inFlight.WaitAsync(ct);
                var w = Languages.BotWords.For(languages.GetValueOrDefault(recipient.ChatId), botSettings.DefaultLanguage);
                var text = ReminderText.Fill(ReminderText.TextIn(reminder, w.Code), ReminderText.Values(action, bot.Username, topUp, zone, recipient.FirstName, w.Code, reminder.PromoCode));
                var markup = Markup(w);
                running.Add(Task.Run(async () =>
                {
                    try { await SendOneAsync(bot, reminder, recipient, text, markup, rate, ct); }
                    finally { inFlight.Release(); }
                }, CancellationToken.None));
                if (clock.GetUtcNow() - lastPublish > PublishEvery)
                {
                    lastPublish = clock.GetUtcNow();
                    notifier.Publish(await reminders.ProgressAsync(reminderId, ct));
                }
                if (running.Count % 16 == 0 && !await StillSendingAsync(reminderId, ct)) break;
            }
        }
        catch
        {
            // Stopping, or the lock was lost: the sends in flight settle their own rows (back to Pending, or
            // interrupted) before the lock can pass to another instance, so none waits for its lease to run out.
            // Their own failures matter less than the one rethrown here.
            foreach (var send in running)
            {
                try { await send; }
                catch (Exception) { }
            }
            throw;
        }
        await Task.WhenAll(running);
        notifier.Publish(await reminders.ProgressAsync(reminderId, CancellationToken.None));
    }

    private async Task<bool> StillSendingAsync(int reminderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Reminders.AnyAsync(r => r.Id == reminderId && r.Status == ReminderStatus.Sending, ct);
    }

    private async Task FinishAsync(int reminderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var done = await db.Reminders.Where(r => r.Id == reminderId && r.Status == ReminderStatus.Sending
                && !db.ReminderRecipients.Any(x => x.ReminderId == reminderId && (x.Status == RecipientStatus.Pending || x.Status == RecipientStatus.Sending)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Completed).SetProperty(r => r.FinishedAt, now), ct);
        if (done > 0) logger.LogInformation("Reminder {Id} completed", reminderId);
        notifier.Publish(await reminders.ProgressAsync(reminderId, ct));
    }

    private async Task SendOneAsync(RunningBot bot, Reminder reminder, ReminderRecipient recipient, string text, InlineKeyboardMarkup? markup, double rate, CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var claimed = false;
        var onTheWire = false;
        try
        {
            await sender.SendAsync(bot, recipient.ChatId, SendPriority.Broadcast, async (client, token) =>
            {
                var slot = await pacer.WaitAsync(rate, token);
                try
                {
                    // Claimed at the last moment, so a pause or cancel holds back everything not yet on the wire.
                    if (!claimed)
                    {
                        if (!(claimed = await ClaimAsync(recipient.Id, claim, token)))
                        {
                            slot.Cancel();
                            return null;
                        }
                    }
                    else if (!await RenewAsync(recipient.Id, claim, token))
                    {
                        // A retry after a 429 that came too late: the row was settled as interrupted meanwhile.
                        claimed = false;
                        return null;
                    }
                    onTheWire = true;
                    return await client.SendMessage(recipient.ChatId, text, replyMarkup: markup,
                        linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, allowPaidBroadcast: reminder.PaidBroadcast, cancellationToken: token);
                }
                catch (ApiRequestException e) when (e.ErrorCode == 429)
                {
                    // BotSender pauses the bot-wide limiter and retries; hold back the sends already past it too.
                    pacer.PauseUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1));
                    onTheWire = false;
                    throw;
                }
                finally { slot.Complete(); }
            }, ct);
            if (claimed) await SetAsync(recipient.Id, claim, RecipientStatus.Sent, null, clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Never reached Telegram: safe to send after the restart. On the wire: unknown, so settled as interrupted
            // here and now rather than left for the lease to run out.
            if (claimed) await SetAsync(recipient.Id, claim, onTheWire ? RecipientStatus.Failed : RecipientStatus.Pending, onTheWire ? InterruptedError : null, null);
            throw;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 403)
        {
            await SetAsync(recipient.Id, claim, RecipientStatus.Blocked, Trim(e.Message), null);
            if (reminder.ChannelId is null) await buyers.SetBlockedAsync(bot.BotId, recipient.ChatId, true, CancellationToken.None);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429)
        {
            // BotSender gave up (retry_after too long, or 429 again and again): not delivered, so it may go again later.
            var retryAfter = TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 5);
            limiter.PauseFor(retryAfter);
            pacer.PauseUntil(clock.GetUtcNow() + retryAfter);
            logger.LogWarning("Telegram asked reminders to wait {RetryAfter}", retryAfter);
            await SetAsync(recipient.Id, claim, RecipientStatus.Pending, Trim(e.Message), null);
        }
        catch (ApiRequestException e) when (e.ErrorCode >= 500 && recipient.Attempt + 1 < MaxAttempts)
        {
            // Telegram answered with an error: the message was not sent, so another try cannot duplicate it.
            await SetAsync(recipient.Id, claim, RecipientStatus.Pending, Trim(e.Message), null);
        }
        catch (ApiRequestException e)
        {
            await SetAsync(recipient.Id, claim, RecipientStatus.Failed, Trim(e.Message), null);
        }
        catch (Exception e) when (claimed)
        {
            // No answer: it may have arrived. At most once, so it is not resent.
            logger.LogWarning("Reminder {Reminder} to {Chat}: no answer from Telegram ({Problem})", reminder.Id, recipient.ChatId, TelegramErrors.Describe(e));
            await SetAsync(recipient.Id, claim, RecipientStatus.Failed, "No answer from Telegram; not resent so nobody gets it twice.", null);
        }
    }

    /// <summary>Pending → Sending (attempt + 1) under this claim and a fresh lease, only while the reminder is still sending.</summary>
    private async Task<bool> ClaimAsync(long recipientId, Guid claim, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReminderRecipientClaims.ClaimAsync(db, recipientId, claim, clock.GetUtcNow() + options.CurrentValue.Lease, ct);
    }

    /// <summary>Extends this claim's lease before another try of the same call; false when the row is no longer ours.</summary>
    private async Task<bool> RenewAsync(long recipientId, Guid claim, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = clock.GetUtcNow() + options.CurrentValue.Lease;
        return await db.ReminderRecipients.Where(x => x.Id == recipientId && x.ClaimToken == claim && x.Status == RecipientStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, until), ct) > 0;
    }

    /// <summary>
    /// Settles this claim's row. Only while it is still this claim's and Sending, so a sender that lost its row (the
    /// lease ran out and it was settled as interrupted) changes nothing and never puts it back in the queue. One
    /// exception: Telegram's "sent" for a row settled as interrupted is recorded, because it is the truth and resends nothing.
    /// </summary>
    private async Task SetAsync(long id, Guid claim, RecipientStatus status, string? error, DateTimeOffset? sentAt)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var sent = status == RecipientStatus.Sent;
        await db.ReminderRecipients
            .Where(x => x.Id == id && x.ClaimToken == claim
                && (x.Status == RecipientStatus.Sending || (sent && x.Status == RecipientStatus.Failed && x.Error == InterruptedError)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status).SetProperty(x => x.Error, error).SetProperty(x => x.SentAt, sentAt)
                .SetProperty(x => x.ClaimToken, (Guid?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private static string Trim(string message) => message.Length > 300 ? message[..300] : message;
}
