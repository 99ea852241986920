using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// The one home of order state changes. A transition is a conditional update
/// (<c>UPDATE Orders … WHERE Id = @id AND Status IN (from…)</c>) whose SET also appends its timeline line to the
/// order's log (<see cref="OrderTimeline"/>): one statement (<see cref="TransitionStatement"/>; a LINQ update when it
/// carries a condition on other rows), inside the caller's transaction, so the change and its
/// side effects (payment, job, grant, audit) commit together or not at all.
/// Losing a race is normal: the outcome says what the order is now and the caller decides.
/// </summary>
public sealed class OrderLifecycle(IDbContextFactory<StarsDbContext> dbFactory, ILogger<OrderLifecycle> logger)
{
    public async Task<TransitionOutcome> ApplyAsync(StarsDbContext db, long orderId, OrderTransition transition, OrderChange change, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"'{transition}' must run inside the transaction that holds its side effects.");
        return await ApplyCoreAsync(db, orderId, transition, change, ct);
    }

    /// <summary>
    /// A transition with no side effects to commit beside it (the invoice went out; an unlimited approval): its one
    /// conditional statement is atomic on its own and commits by itself, without BEGIN and COMMIT around it. A
    /// transition with a condition on other rows holds locks in a transaction and cannot come here.
    /// </summary>
    public async Task<TransitionOutcome> ApplyAloneAsync(long orderId, OrderTransition transition, OrderChange change, CancellationToken ct)
    {
        if (change.OnlyIf is not null)
            throw new InvalidOperationException($"'{transition}' checks other rows: it must run inside a transaction.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ApplyCoreAsync(db, orderId, transition, change, ct);
    }

    private async Task<TransitionOutcome> ApplyCoreAsync(StarsDbContext db, long orderId, OrderTransition transition, OrderChange change, CancellationToken ct)
    {
        var stamp = Guid.NewGuid();
        var line = OrderTimeline.Line(transition.Event, change);
        var rows = change.OnlyIf is null
            ? await TransitionStatement.ExecuteAsync(db, orderId, transition, stamp, line, change.Set, ct)
            : await ConditionalUpdateAsync(db, orderId, transition, change.OnlyIf, stamp, line, change.Set, ct);
        if (rows == 0)
        {
            var actual = await db.Orders.Where(o => o.Id == orderId).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(ct);
            logger.LogInformation("Order {OrderId}: '{Transition}' not applied; the order is {Status}", orderId, transition, actual?.ToString() ?? "missing");
            return new(false, actual);
        }
        return new(true, transition.To ?? await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).FirstAsync(ct));
    }

    /// <summary>The transition as a LINQ update, for a condition that counts other rows (stock, per-buyer limits, offers).</summary>
    private static Task<int> ConditionalUpdateAsync(StarsDbContext db, long orderId, OrderTransition transition, System.Linq.Expressions.Expression<Func<Order, bool>> onlyIf,
        Guid stamp, string line, OrderColumns? columns, CancellationToken ct)
    {
        var from = transition.From;
        return db.Orders.Where(o => o.Id == orderId && from.Contains(o.Status)).Where(onlyIf).ExecuteUpdateAsync(s =>
        {
            if (transition.To is { } to) s.SetProperty(o => o.Status, to);
            s.SetProperty(o => o.ConcurrencyStamp, stamp);
            s.SetProperty(o => o.TransitionLog, o => o.TransitionLog + line);
            columns?.ApplyTo(s);
        }, ct);
    }

    /// <summary>A timeline line that is not a state change (a refusal about someone else's attempt, a note), in the caller's unit of work.</summary>
    public static void AddEvent(StarsDbContext db, long orderId, OrderEventKind kind, OrderChange change) =>
        db.OrderEvents.Add(new OrderEvent
        {
            OrderId = orderId, At = change.At, Actor = change.Actor, ActorName = change.ActorName, Kind = kind, Detail = change.Detail,
        });

    /// <summary>Runs one step in its own context and transaction: everything it did commits together.</summary>
    public async Task<T> InTransactionAsync<T>(Func<StarsDbContext, Task<T>> step, CancellationToken ct)
    {
        await using var db = await BeginAsync(ct);
        await using var tx = db.Database.CurrentTransaction!;
        var result = await step(db);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// A context in a fresh transaction. A step's transaction commits or rolls back whole, so EF Core's automatic
    /// savepoint around each save (SAVEPOINT + RELEASE, two commands a save) buys nothing and is switched off.
    /// </summary>
    private async Task<StarsDbContext> BeginAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            db.Database.AutoSavepointsEnabled = false;
            await db.Database.BeginTransactionAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
