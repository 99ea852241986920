using System.Collections.Concurrent;
using System.Text;
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
        var sql = new StringBuilder(256).Append("UPDATE ").Append(table.Name).Append(" SET ");
        var args = new List<object>(12);
        void Assign(OrderColumn column, object value)
        {
            if (args.Count > 0) sql.Append(", ");
            sql.Append(column.Quoted).Append(" = {").Append(args.Count).Append('}');
            args.Add(ToProvider(column, value));
        }

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
            if (c.ApprovedAtIfUnset is { } ifUnset)
            {
                var approvedAt = table.ApprovedAt.Quoted;
                sql.Append(", ").Append(approvedAt).Append(" = COALESCE(").Append(approvedAt).Append(", {").Append(args.Count).Append("})");
                args.Add(ToProvider(table.ApprovedAt, ifUnset));
            }
            var problem = table.Problem.Quoted;
            switch (c.Problem.Mode)
            {
                case ProblemMode.Set:
                    Assign(table.Problem, c.Problem.Text ?? "");
                    break;
                case ProblemMode.Clear:
                    sql.Append(", ").Append(problem).Append(" = NULL");
                    break;
                case ProblemMode.ClearUnlessOversold:
                    // substr, not LIKE: the same case-sensitive prefix test on both databases.
                    sql.Append(", ").Append(problem).Append(" = CASE WHEN substr(").Append(problem).Append(", 1, ")
                        .Append(PaymentRecorder.OversoldProblem.Length).Append(") = {").Append(args.Count).Append("} THEN ").Append(problem).Append(" ELSE NULL END");
                    args.Add(PaymentRecorder.OversoldProblem);
                    break;
            }
        }
        var log = table.Log.Quoted;
        sql.Append(", ").Append(log).Append(" = ").Append(log).Append(" || {").Append(args.Count).Append('}');
        args.Add(line);

        sql.Append(" WHERE ").Append(table.Id.Quoted).Append(" = {").Append(args.Count).Append('}');
        args.Add(orderId);
        sql.Append(" AND ").Append(table.Status.Quoted).Append(" IN (");
        for (var i = 0; i < transition.From.Length; i++)
        {
            sql.Append(i == 0 ? "{" : ", {").Append(args.Count).Append('}');
            args.Add(ToProvider(table.Status, transition.From[i]));
        }
        sql.Append(')');
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), args, ct);
    }

        /// <summary>The value as the column stores it: the model's converter (ticks for a moment, a name for a status), if any.</summary>
    private static object ToProvider(OrderColumn column, object value) =>
        column.Property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;
}
