using StarsStudio.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// Works the delivery outbox: claims due jobs of the running bot under a lease, delivers the order's version with
/// its kind's deliverer, sends the receipt, and lets the lifecycle mark the order Delivered. Retries with backoff,
/// honours 429 retry_after, marks a buyer who blocked the bot as DeliveryFailed with the reason, and takes over a
/// job whose lease ran out (its worker died). One job's failure never touches another.
/// </summary>
public sealed class DeliveryWorker(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    IEnumerable<IDeliverer> deliverers,
    BotClientAccessor bots,
    BotSender sender,
    BuyerDirectory buyers,
    DeliverySignal signal,
    OrderNotifier notifier,
    IOptionsMonitor<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 6;
    private const int BatchSize = 32;
    private const int Parallelism = 8;
    private static readonly TimeSpan[] LaterBackoffs = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];
    private readonly Dictionary<Catalog.ActionKind, IDeliverer> byKind = deliverers.ToDictionary(d => d.Kind);

    /// <summary>Compiled once: every delivery looks again just before its content goes out.</summary>
    private static readonly CompiledPerModel<Func<StarsDbContext, long, Task<bool>>> StillDelivering = new(() =>
        EF.CompileAsyncQuery((StarsDbContext db, long orderId) => db.Orders.Any(o => o.Id == orderId && o.Status == OrderStatus.Delivering)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeInterruptedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var worked = await RunDueJobsAsync(stoppingToken);
                if (worked == 0) await signal.WaitAsync(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogError(e, "Delivery loop failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One process owns a SQLite database, so jobs left Running at start belong to no live worker: they go back to
    /// the queue at once instead of waiting out their lease. On PostgreSQL another instance may be running them
    /// right now: there only the lease hands them over.
    /// </summary>
    private async Task ResumeInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsNpgsql()) return;
        var resumed = await db.DeliveryJobs.Where(j => j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Pending).SetProperty(j => j.NextAttemptAt, clock.GetUtcNow()), ct);
        if (resumed > 0) logger.LogInformation("Resumed {Count} deliveries interrupted by a restart", resumed);
    }

    /// <summary>Claims and runs one batch of the running bot's due jobs; returns how many ran.</summary>
    public async Task<int> RunDueJobsAsync(CancellationToken ct)
    {
        if (bots.Current is not { } bot) return 0;
        var claim = Guid.NewGuid();
        var claimed = await ClaimAsync(bot.BotId, claim, ct);
        if (claimed.Count == 0) return 0;
        var read = await ReadClaimedAsync(claimed, claim, ct);
        using var slots = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(claimed.Select(async jobId =>
        {
            await slots.WaitAsync(ct);
            try { await RunIsolatedAsync(bot, jobId, read?.GetValueOrDefault(jobId), claim, ct); }
            finally { slots.Release(); }
        }));
        return claimed.Count;
    }

    /// <summary>
    /// The claimed jobs with their orders and terms, in one read for the whole batch (it was one read per job). The
    /// claim token keeps the rows ours while they run. If the read fails, each job reads its own row instead, so one
    /// bad moment does not leave a whole batch waiting out its lease.
    /// </summary>
    private async Task<Dictionary<long, ClaimedJob>?> ReadClaimedAsync(List<long> jobIds, Guid claim, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await Claimed(db, claim, jobIds).ToListAsync(ct);
            return rows.ToDictionary(c => c.Job.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Reading {Count} claimed deliveries failed; each is read on its own", jobIds.Count);
            return null;
        }
    }

    private static IQueryable<ClaimedJob> Claimed(StarsDbContext db, Guid claim, IReadOnlyCollection<long> jobIds) =>
        from j in db.DeliveryJobs.AsNoTracking()
        where jobIds.Contains(j.Id) && j.ClaimToken == claim && j.Status == JobStatus.Running
        from o in db.Orders.AsNoTracking().Where(o => o.Id == j.OrderId).DefaultIfEmpty()
        from v in db.PaidActionVersions.AsNoTracking().Where(v => o != null && v.ActionId == o.ActionId && v.Version == o.ActionVersion).DefaultIfEmpty()
        select new ClaimedJob(j, o, v == null ? null : v.Terms);

    /// <summary>Due jobs and jobs whose lease ran out, of this bot only: another bot's work waits for that bot.</summary>
    private async Task<List<long>> ClaimAsync(long botId, Guid claim, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DeliveryJobClaims.ClaimAsync(db, botId, claim, now, now + options.CurrentValue.Lease, BatchSize, ct);
    }

    /// <summary>Whatever goes wrong with one job stays with that job: it is logged and given back for a later try.</summary>
    private async Task RunIsolatedAsync(RunningBot bot, long jobId, ClaimedJob? read, Guid claim, CancellationToken ct)
    {
        try
        {
            await RunJobAsync(bot, jobId, read, claim, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "Delivery job {JobId} failed unexpectedly; it is tried again shortly", jobId);
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                await db.DeliveryJobs.Where(j => j.Id == jobId && j.ClaimToken == claim && j.Status == JobStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Pending).SetProperty(j => j.ClaimToken, (Guid?)null)
                        .SetProperty(j => j.NextAttemptAt, clock.GetUtcNow().AddSeconds(5)).SetProperty(j => j.LastError, TelegramErrors.Describe(e)));
            }
            catch (Exception again)
            {
                // The database itself is failing: the lease runs out and the job is claimed again then.
                logger.LogWarning(again, "Delivery job {JobId} could not be given back; its lease will expire", jobId);
            }
        }
    }

    private async Task RunJobAsync(RunningBot bot, long jobId, ClaimedJob? read, Guid claim, CancellationToken ct)
    {
        if (await StartAsync(jobId, read, claim, ct) is not { } started) return;
        var (job, order, terms) = started;
        notifier.Changed(order.Id, OrderStatus.Delivering);

        OrderTransition end;
        OrderChange change;
        try
        {
            var delivered = await DeliverContentAsync(bot, job, order, terms, claim, ct);
            if (!(byKind.GetValueOrDefault(order.Kind)?.SendsReceipt ?? false)) await SendReceiptAsync(bot, order, delivered, ct);
            var now = clock.GetUtcNow();
            end = OrderTransitions.FinishDelivery;
            change = new OrderChange(now, EventActor.Bot, $"Delivered {delivered}; receipt sent")
            {
                Set = new() { DeliveredAt = now, Problem = ProblemUpdate.ClearUnlessOversold },
            };
            job.Status = JobStatus.Done;
            job.LastError = null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            (end, change) = await DecideFailureAsync(bot, job, order, e, ct);
        }
        var status = await FinishAsync(job, order, claim, end, change);
        notifier.Changed(order.Id, status);
    }

    /// <summary>
    /// Starts the attempt: the order becomes Delivering, the attempt is counted and the order's grant (credits,
    /// command uses) is added, in one transaction. The job, its order and the terms it was sold under were read with
    /// the batch (<see cref="ReadClaimedAsync"/>); a job missing from that read reads them here, in one query.
    /// </summary>
    private Task<(DeliveryJob Job, Order Order, ActionTerms? Terms)?> StartAsync(long jobId, ClaimedJob? read, Guid claim, CancellationToken ct) =>
        lifecycle.InTransactionAsync<(DeliveryJob, Order, ActionTerms?)?>(async db =>
        {
            var row = read ?? await Claimed(db, claim, [jobId]).FirstOrDefaultAsync(ct);
            if (row is null) return null; // another worker took it over
            // A job without its order is broken data: it fails here and is given back with the reason.
            var (job, order) = (row.Job, row.Order ?? throw new InvalidOperationException($"Delivery job {jobId}: order {row.Job.OrderId} does not exist."));
            // The claim already counted this attempt and set its lease: the job is written again only if it ends here.
            db.DeliveryJobs.Attach(job);
            var now = clock.GetUtcNow();
            var outcome = await lifecycle.ApplyAsync(db, order.Id, OrderTransitions.StartDelivery,
                new OrderChange(now, EventActor.System, $"Delivery attempt {job.Attempts} ({job.Reason})"), ct);
            if (!outcome.Applied)
            {
                // Refunded (or otherwise settled) before this attempt: nothing goes out.
                job.Status = JobStatus.Done;
                job.LastError = $"Not delivered: the order is {outcome.Status?.ToString().ToLowerInvariant() ?? "gone"}.";
                return null;
            }
            if (row.Terms is { } terms && byKind.TryGetValue(order.Kind, out var deliverer)) await deliverer.GrantAsync(db, order, terms, now, ct);
            return (job, order, row.Terms);
        }, ct);

    /// <summary>Sends the content unless an earlier attempt already did, and records that it went out (see below when).</summary>
    private async Task<string> DeliverContentAsync(RunningBot bot, DeliveryJob job, Order order, ActionTerms? soldUnder, Guid claim, CancellationToken ct)
    {
        if (job.ContentSentAt is not null && job.ContentSummary is { } earlier) return earlier;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var terms = soldUnder ?? throw new InvalidOperationException($"Order {order.Code}: version {order.ActionVersion} of its action is missing.");
        if (!byKind.TryGetValue(order.Kind, out var deliverer))
            throw new DeliveryProblemException($"{order.Kind} orders cannot be delivered yet.");
        // A refund may have committed since the attempt started: look once more before anything goes out.
        if (!await StillDelivering.For(db)(db, order.Id)) throw new OrderNotDeliverableException();
        string delivered;
        using (OrderMessageLog.About(order.Id, OrderMessageKind.Delivery))
            delivered = await deliverer.DeliverAsync(DeliveryContext.For(bot, order, terms), ct);
        var sentAt = clock.GetUtcNow();
        job.ContentSentAt = sentAt;
        job.ContentSummary = delivered;
        // Content that carries its receipt is followed at once by FinishAsync, which records it with the rest: one
        // write instead of two, and the same window. Otherwise it is recorded before the receipt goes out: only a
        // crash between Telegram's answer and this save can send it twice.
        if (deliverer.SendsReceipt) return delivered;
        await db.DeliveryJobs.Where(j => j.Id == job.Id && j.ClaimToken == claim).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.ContentSentAt, sentAt).SetProperty(j => j.ContentSummary, delivered)
            .SetProperty(j => j.LeaseUntil, sentAt + options.CurrentValue.Lease), CancellationToken.None);
        return delivered;
    }

    /// <summary>
    /// Ends the attempt: the order's transition and the job's new state in one transaction. If the order moved on
    /// meanwhile (a refund), the transition is refused and the job simply ends.
    /// </summary>
    private Task<OrderStatus> FinishAsync(DeliveryJob job, Order order, Guid claim, OrderTransition end, OrderChange change) =>
        lifecycle.InTransactionAsync(async db =>
        {
            var outcome = await lifecycle.ApplyAsync(db, order.Id, end, change, CancellationToken.None);
            if (!outcome.Applied)
            {
                job.Status = JobStatus.Done;
                job.LastError = $"Stopped: the order is {outcome.Status?.ToString().ToLowerInvariant() ?? "gone"}.";
            }
            await DeliveryJobClaims.EndAsync(db, job, claim, CancellationToken.None);
            if (outcome.Applied && end == OrderTransitions.FailDelivery) logger.LogWarning("Order {Order} delivery failed: {Reason}", order.Code, change.Detail);
            return outcome.Status ?? order.Status;
        }, CancellationToken.None);

    private async Task<(OrderTransition, OrderChange)> DecideFailureAsync(RunningBot bot, DeliveryJob job, Order order, Exception e, CancellationToken ct)
    {
        switch (e)
        {
            case OrderNotDeliverableException:
                // Refunded while running: FinishAsync's transition is refused and the job ends.
                return Retry(job, TimeSpan.Zero, "the order was refunded meanwhile");
            case ApiRequestException { ErrorCode: 403 } blocked:
                await buyers.SetBlockedAsync(bot.BotId, order.BuyerId, true, ct);
                return Fail(job, $"The buyer blocked the bot, so Telegram refused the delivery ({blocked.Message}). Refund, or redeliver once they unblock it.");
            case ApiRequestException { ErrorCode: 429 } slow:
                // Not the buyer's fault and not a failed attempt: wait as Telegram asks.
                job.Attempts--;
                return Retry(job, TimeSpan.FromSeconds(slow.Parameters?.RetryAfter ?? 5), "Telegram asked to slow down");
            case ApiRequestException { ErrorCode: 400 } refused:
                return Fail(job, $"Telegram refused the delivery: {refused.Message}");
            case DeliveryProblemException problem:
                return Fail(job, problem.Message);
            case BotNotRunningException:
                job.Attempts--;
                return Retry(job, TimeSpan.FromSeconds(5), "the bot is not running");
        }
        var reason = TelegramErrors.Describe(e);
        return job.Attempts >= MaxAttempts
            ? Fail(job, $"Gave up after {job.Attempts} attempts: {reason}")
            : Retry(job, BackoffAfter(job.Attempts), reason);
    }

    private TimeSpan BackoffAfter(int attempts) => attempts <= 1
        ? TimeSpan.FromSeconds(options.CurrentValue.FirstRetrySeconds)
        : LaterBackoffs[Math.Min(attempts - 2, LaterBackoffs.Length - 1)];

    private (OrderTransition, OrderChange) Retry(DeliveryJob job, TimeSpan after, string reason)
    {
        var now = clock.GetUtcNow();
        job.Status = JobStatus.Pending;
        job.NextAttemptAt = now + after;
        job.LastError = reason;
        return (OrderTransitions.RetryDelivery, new OrderChange(now, EventActor.System, $"Attempt {job.Attempts} did not finish ({reason}); next try in {after.TotalSeconds:0} s"));
    }

    private (OrderTransition, OrderChange) Fail(DeliveryJob job, string reason)
    {
        job.Status = JobStatus.Failed;
        job.LastError = reason;
        return (OrderTransitions.FailDelivery, new OrderChange(clock.GetUtcNow(), EventActor.System, reason)
        {
            Set = new() { Problem = ProblemUpdate.Set(reason), Resolved = false },
        });
    }

    private async Task SendReceiptAsync(RunningBot bot, Order order, string delivered, CancellationToken ct)
    {
        using var about = OrderMessageLog.About(order.Id, OrderMessageKind.Receipt);
        await sender.SendTextAsync(bot, order.BuyerId, Receipts.Standalone(order, delivered), SendPriority.Delivery, ct: ct);
    }
}
