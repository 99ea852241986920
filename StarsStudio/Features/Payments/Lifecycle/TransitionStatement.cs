using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StarsStudio.Data;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// A transition as one parameterised <c>UPDATE "Orders" … WHERE "Id" = @id AND "Status" IN (…)</c>, for every
/// transition without a LINQ condition (all five of a purchase's). The LINQ form rebuilt, funcletized and looked up
/// its expression tree on each call, a fifth of everything the hot path allocated; and EF Core cannot compile an
/// <c>ExecuteUpdate</c> whose setters are a delegate. Table, column names and value conversions (UTC ticks, status
/// names) come from the EF model, so this writes what EF Core itself would. It runs through EF Core's raw-SQL path:
/// the caller's transaction, the command interceptors (the SQLite write gate, the statement counter) and logging
/// all apply. The same SQL serves SQLite and PostgreSQL.
/// </summary>
internal static class TransitionStatement
{
    private static readonly ConcurrentDictionary<IModel, OrderTable> Tables = new();

    public static Task<int> ExecuteAsync(StarsDbContext db, long orderId, OrderTransition transition, Guid stamp, string line, OrderColumns? columns, CancellationToken ct)
    {
        var table = Tables.GetOrAdd(db.Model, model => new OrderTable(model));
        var v = new SqlValues();
        var set = new List<string>(12);
        void Assign(OrderColumn column, object value) => set.Add($"{column.Quoted} = {v.Of(ToProvider(column, value))}");

        Assign(table.Stamp, stamp);
        if (transition.To is { } to) Assign(table.Status, to);
        if (columns is { } c)
        {
            if (c.InvoiceMessageId is { } message) Assign(table.InvoiceMessageId, message);
            if (c.ApprovedAt is { } approved) Assign(table.ApprovedAt, approved);
            if (c.PaidAt is { } paid) Assign(table.PaidAt, paid);
            if (c.ChargeId is { } charge) Assign(table.ChargeId, charge);
            if (c.DeliveredAt is { } delivered) Assign(table.DeliveredAt, delivered);
            if (c.RefundedAt is { } refunded) Assign(table.RefundedAt, refunded);
            if (c.Resolved is { } resolved) Assign(table.Resolved, resolved);
            if (c.ApprovedAt is not null && c.ApprovedAtIfUnset is not null)
                throw new InvalidOperationException($"'{transition}' sets the approval time twice.");
            if (c.ApprovedAtIfUnset is { } ifUnset)
                set.Add($"{table.ApprovedAt.Quoted} = COALESCE({table.ApprovedAt.Quoted}, {v.Of(ToProvider(table.ApprovedAt, ifUnset))})");
            var problem = table.Problem.Quoted;
            switch (c.Problem.Mode)
            {
                case ProblemMode.Set:
                    Assign(table.Problem, c.Problem.Text ?? "");
                    break;
                case ProblemMode.Clear:
                    set.Add($"{problem} = NULL");
                    break;
                case ProblemMode.ClearUnlessOversold:
                    // substr, not LIKE: the same case-sensitive prefix test on both databases.
                    set.Add($"{problem} = CASE WHEN substr({problem}, 1, {PaymentRecorder.OversoldProblem.Length}) = {v.Of(PaymentRecorder.OversoldProblem)} THEN {problem} ELSE NULL END");
                    break;
            }
        }
        set.Add($"{table.Log.Quoted} = {table.Log.Quoted} || {v.Of(line)}");

        var from = string.Join(", ", transition.From.Select(status => v.Of(ToProvider(table.Status, status))));
        var sql = $"UPDATE {table.Name} SET {string.Join(", ", set)} WHERE {table.Id.Quoted} = {v.Of(orderId)} AND {table.Status.Quoted} IN ({from})";
        return db.Database.ExecuteSqlRawAsync(sql, v.Args, ct);
    }

    /// <summary>The value as the column stores it: the model's converter (ticks for a moment, a name for a status), if any.</summary>
    private static object ToProvider(OrderColumn column, object value) =>
        column.Property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;
}
