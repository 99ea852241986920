using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;

namespace StarsStudio.Features.Payments;

/// <summary>
/// Housekeeping every minute: invoices past their lifetime become Expired (so reports and stock are honest
/// without waiting for a buyer to tap Pay), and update ids older than a week are forgotten.
/// </summary>
public sealed class OrderExpiryWorker(IDbContextFactory<StarsDbContext> dbFactory, UpdateDeduplicator dedupe, TimeProvider clock, ILogger<OrderExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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

    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = await db.Orders
            .Where(o => (o.Status == OrderStatus.Created || o.Status == OrderStatus.InvoiceSent || o.Status == OrderStatus.Approved) && o.ExpiresAt <= now)
            .Take(500).ToListAsync(ct);
        foreach (var order in stale)
        {
            order.Status = OrderStatus.Expired;
            order.ConcurrencyStamp = Guid.NewGuid();
            OrderTimeline.Add(db, order, now, EventActor.System, "expired", "The invoice expired unpaid");
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return 0; } // a payment won the race: it stays paid
        return stale.Count;
    }
}
