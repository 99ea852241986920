using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The hot path's order reads, compiled once: every pre-checkout and payment runs them, and translating the LINQ
/// each time was a visible share of their CPU.
/// </summary>
internal static class OrderQueries
{
    private static readonly CompiledPerModel<Func<StarsDbContext, long, long, Task<Order?>>> WithActionQuery = new(() =>
        EF.CompileAsyncQuery((StarsDbContext db, long orderId, long botId) =>
            db.Orders.AsNoTracking().Include(o => o.Action).FirstOrDefault(o => o.Id == orderId && o.BotId == botId)));

    /// <summary>The bot's order with its action, untracked: what pre-checkout and the payment recorder decide on.</summary>
    public static Task<Order?> WithAction(StarsDbContext db, long orderId, long botId) => WithActionQuery.For(db)(db, orderId, botId);
}
