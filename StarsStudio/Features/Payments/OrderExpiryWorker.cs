using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Housekeeping every minute: approvals not followed by a payment within the payment window release their hold
/// on stock and the per-buyer limit; invoices past their lifetime become Expired (so reports and stock are honest
/// without waiting for a buyer to tap Pay); update ids older than a week are forgotten. Each order changes
/// through the lifecycle, so a payment that wins the race keeps its order paid.
/// </summary>
public sealed class OrderExpiryWorker(
    IDbContextFactory<StarsDbContext> dbFactory,
    OrderLifecycle lifecycle,
    UpdateDeduplicator dedupe,
    IOptionsMonitor<PaymentsOptions> options,
    Singletons singletons,
    TimeProvider clock,
    ILogger<OrderExpiryWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;

    // One instance does the housekeeping at a time (Data/Singletons).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singletons.RunAsync("order-expiry", RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReleaseLapsedHoldsAsync(stoppingToken);
                await ExpireAsync(stoppingToken);
                await dedupe.ForgetOlderThanAsync(TimeSpan.FromDays(7), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order housekeeping failed; trying again in a minute");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Invoices past their lifetime, unpaid, become Expired.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = OrderTransitions.Expire.From;
        return await ApplyToAllAsync(o => from.Contains(o.Status) && o.ExpiresAt <= now, OrderTransitions.Expire,
            new OrderChange(now, EventActor.System, "The invoice expired unpaid"), ct);
    }

    /// <summary>Approved, then no payment within the window: the hold goes, the buyer may tap Buy again, and a late payment still counts.</summary>
    public async Task<int> ReleaseLapsedHoldsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = options.CurrentValue.PaymentWindow;
        var cutoff = now - window;
        return await ApplyToAllAsync(o => o.Status == OrderStatus.Approved && o.ApprovedAt <= cutoff, OrderTransitions.ReleaseHold,
            new OrderChange(now, EventActor.System, $"Approved at checkout but not paid within {window.TotalMinutes:0} minutes: stock and the buyer's limit are free again. A payment that still arrives is recorded and delivered."), ct);
    }

    private async Task<int> ApplyToAllAsync(System.Linq.Expressions.Expression<Func<Order, bool>> which, OrderTransition transition, OrderChange change, CancellationToken ct)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Orders.AsNoTracking().Where(which).OrderBy(o => o.Id).Select(o => o.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        return await lifecycle.InTransactionAsync(async db =>
        {
            var applied = 0;
            foreach (var id in ids)
                if ((await lifecycle.ApplyAsync(db, id, transition, change, ct)).Applied) applied++;
            return applied;
        }, ct);
    }
}
