using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// Works the delivery outbox: picks due jobs, delivers the order's version with its kind's deliverer, sends
/// the receipt, and marks the order Delivered. Retries with backoff, honours 429 retry_after, marks a buyer who
/// blocked the bot as DeliveryFailed with the reason, and resumes unfinished jobs after a restart.
/// </summary>
public sealed class DeliveryWorker(
    IDbContextFactory<StarsDbContext> dbFactory,
    IEnumerable<IDeliverer> deliverers,
    BotClientAccessor bots,
    BotSender sender,
    BuyerDirectory buyers,
    DeliverySignal signal,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 6;
    private const int BatchSize = 32;
    private static readonly TimeSpan[] Backoffs = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];
    private readonly Dictionary<Catalog.ActionKind, IDeliverer> byKind = deliverers.ToDictionary(d => d.Kind);

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

    /// <summary>Jobs that were running when the app stopped go back to the queue.</summary>
    private async Task ResumeInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resumed = await db.DeliveryJobs.Where(j => j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Pending).SetProperty(j => j.NextAttemptAt, clock.GetUtcNow()), ct);
        if (resumed > 0) logger.LogInformation("Resumed {Count} deliveries interrupted by a restart", resumed);
    }

    /// <summary>Runs one batch of due jobs in parallel; returns how many ran.</summary>
    public async Task<int> RunDueJobsAsync(CancellationToken ct)
    {
        if (bots.Current is not { } bot) return 0;
        var now = clock.GetUtcNow();
        List<DeliveryJob> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.DeliveryJobs.Where(j => j.Status == JobStatus.Pending && j.NextAttemptAt <= now)
                .OrderBy(j => j.NextAttemptAt).Take(BatchSize).ToListAsync(ct);
            foreach (var job in due) job.Status = JobStatus.Running;
            await db.SaveChangesAsync(ct);
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (job, token) => await RunJobAsync(bot, job.Id, token));
        return due.Count;
    }

    private async Task RunJobAsync(RunningBot bot, long jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.DeliveryJobs.FirstAsync(j => j.Id == jobId, ct);
        var order = await db.Orders.FirstAsync(o => o.Id == job.OrderId, ct);
        var now = clock.GetUtcNow();
        if (order.Status == OrderStatus.Refunded)
        {
            job.Status = JobStatus.Done;
            job.LastError = "Order was refunded before delivery.";
            await db.SaveChangesAsync(ct);
            return;
        }

        job.Attempts++;
        order.Status = OrderStatus.Delivering;
        OrderTimeline.Add(db, order, now, EventActor.System, "delivery-attempt", $"Delivery attempt {job.Attempts} ({job.Reason})");
        await db.SaveChangesAsync(ct);
        notifier.Changed(order.Id, order.Status);

        try
        {
            var terms = (await db.PaidActionVersions.AsNoTracking().FirstAsync(v => v.ActionId == order.ActionId && v.Version == order.ActionVersion, ct)).Terms;
            if (!byKind.TryGetValue(order.Kind, out var deliverer))
                throw new DeliveryProblemException($"{order.Kind} orders cannot be delivered yet.");
            var delivered = job.ContentSummary;
            if (job.ContentSentAt is null || delivered is null)
            {
                delivered = await deliverer.DeliverAsync(new DeliveryContext(bot, order, terms), ct);
                // Recorded at once: only a crash between Telegram's answer and this save can send it twice.
                job.ContentSentAt = clock.GetUtcNow();
                job.ContentSummary = delivered;
                await db.SaveChangesAsync(CancellationToken.None);
            }
            await SendReceiptAsync(bot, order, delivered, ct);

            now = clock.GetUtcNow();
            order.Status = OrderStatus.Delivered;
            order.DeliveredAt = now;
            order.Problem = null;
            job.Status = JobStatus.Done;
            job.LastError = null;
            OrderTimeline.Add(db, order, now, EventActor.Bot, "delivered", $"Delivered {delivered}; receipt sent");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await HandleFailureAsync(db, bot, job, order, e, ct);
        }
        order.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Changed(order.Id, order.Status);
    }

    private async Task HandleFailureAsync(StarsDbContext db, RunningBot bot, DeliveryJob job, Order order, Exception e, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (e)
        {
            case ApiRequestException { ErrorCode: 403 } blocked:
                await buyers.SetBlockedAsync(bot.BotId, order.BuyerId, true, ct);
                Fail(db, job, order, now, $"The buyer blocked the bot, so Telegram refused the delivery ({blocked.Message}). Refund, or redeliver once they unblock it.");
                return;
            case ApiRequestException { ErrorCode: 429 } slow:
                // Not the buyer's fault and not a failed attempt: wait as Telegram asks.
                job.Attempts--;
                Retry(db, job, order, now, TimeSpan.FromSeconds(slow.Parameters?.RetryAfter ?? 5), "Telegram asked to slow down");
                return;
            case ApiRequestException { ErrorCode: 400 } refused:
                Fail(db, job, order, now, $"Telegram refused the delivery: {refused.Message}");
                return;
            case DeliveryProblemException problem:
                Fail(db, job, order, now, problem.Message);
                return;
            case BotNotRunningException:
                job.Attempts--;
                Retry(db, job, order, now, TimeSpan.FromSeconds(5), "the bot is not running");
                return;
        }
        var reason = BotHostService.Describe(e);
        if (job.Attempts >= MaxAttempts) Fail(db, job, order, now, $"Gave up after {job.Attempts} attempts: {reason}");
        else Retry(db, job, order, now, Backoffs[Math.Min(job.Attempts - 1, Backoffs.Length - 1)], reason);
    }

    private static void Retry(StarsDbContext db, DeliveryJob job, Order order, DateTimeOffset now, TimeSpan after, string reason)
    {
        job.Status = JobStatus.Pending;
        job.NextAttemptAt = now + after;
        job.LastError = reason;
        order.Status = OrderStatus.Paid;
        OrderTimeline.Add(db, order, now, EventActor.System, "delivery-retry", $"Attempt {job.Attempts} did not finish ({reason}); next try in {after.TotalSeconds:0} s");
    }

    private void Fail(StarsDbContext db, DeliveryJob job, Order order, DateTimeOffset now, string reason)
    {
        job.Status = JobStatus.Failed;
        job.LastError = reason;
        order.Status = OrderStatus.DeliveryFailed;
        order.Problem = reason;
        order.Resolved = false;
        OrderTimeline.Add(db, order, now, EventActor.System, "delivery-failed", reason);
        logger.LogWarning("Order {Order} delivery failed: {Reason}", order.Code, reason);
    }

    private Task SendReceiptAsync(RunningBot bot, Order order, string delivered, CancellationToken ct) =>
        sender.SendTextAsync(bot, order.BuyerId,
            $"🧾 Receipt · order {order.Code}\nPaid ⭐{order.Stars} · delivered {delivered}.\nQuestions about this purchase? Send /paysupport with the order code.",
            SendPriority.Delivery, ct: ct);
}
