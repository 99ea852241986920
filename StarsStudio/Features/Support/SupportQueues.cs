using StarsStudio.Features.Audit;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>Payments and deliveries waiting for support, for the inbox, one data view at a time.</summary>
public sealed class SupportQueues(IDbContextFactory<StarsDbContext> dbFactory, BotScopes scopes)
{
    public async Task<IReadOnlyList<Payment>> UnmatchedPaymentsAsync(DataView view = DataView.Live, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await scope.Payments(db.Payments.AsNoTracking()).Where(p => p.Match != PaymentMatch.Matched && !p.Resolved)
            .OrderByDescending(p => p.ReceivedAt).Take(100).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Order>> FailedDeliveriesAsync(DataView view = DataView.Live, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await scope.Orders(db.Orders.AsNoTracking().Include(o => o.Action)).Where(o => o.Status == OrderStatus.DeliveryFailed && !o.Resolved)
            .OrderByDescending(o => o.CreatedAt).Take(100).ToListAsync(ct);
    }
}
