using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Seeds N orders (with payments and timeline events, as real ones have) straight into the database, then times
/// order search by charge id, by buyer and filtered paging, and reports the database size per order.
/// </summary>
public static class BigData
{
    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        await using var host = await RehearsalHost.StartAsync(o with { Floor = false });
        try
        {
            var actions = await Benchmark.SeedCatalogAsync(host, ["credits", "text"]);
            await output.WriteLineAsync($"Seeding {o.Orders:N0} orders …");
            var seeding = Stopwatch.StartNew();
            await SeedAsync(host, o.Orders, actions.Select(a => a.Id).ToArray(), output);
            var seedSeconds = seeding.Elapsed.TotalSeconds;

            await using var db = await host.DbAsync();
            var sample = await db.Orders.AsNoTracking().OrderBy(o => o.Id).Skip(o.Orders / 2).FirstAsync();
            var figures = new Dictionary<string, string>
            {
                ["orders"] = o.Orders.ToString("N0"),
                ["seeding"] = $"{seedSeconds:0} s",
                ["search by charge id"] = await TimeAsync(() => db.Orders.AsNoTracking().Where(x => x.ChargeId == sample.ChargeId).ToListAsync()),
                ["search by order code"] = await TimeAsync(() => db.Orders.AsNoTracking().Where(x => x.Code == sample.Code).ToListAsync()),
                ["search by buyer"] = await TimeAsync(() => db.Orders.AsNoTracking().Where(x => x.BotId == sample.BotId && x.BuyerId == sample.BuyerId).OrderByDescending(x => x.CreatedAt).Take(50).ToListAsync()),
                ["filtered page (status Delivered, last 30 days, page 100 of 50)"] = await TimeAsync(() =>
                {
                    var since = DateTimeOffset.UtcNow.AddDays(-30);
                    return db.Orders.AsNoTracking().Where(x => x.Status == OrderStatus.Delivered && x.CreatedAt >= since).OrderByDescending(x => x.CreatedAt).Skip(99 * 50).Take(50).ToListAsync();
                }),
                ["count by status"] = await TimeAsync(() => db.Orders.AsNoTracking().GroupBy(x => x.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()),
            };
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            var file = Path.Combine(host.DataDirectory, "stars-studio.db");
            var bytes = new FileInfo(file).Length;
            figures["database size"] = $"{bytes / 1024 / 1024} MB ({bytes / (double)o.Orders:0} bytes per order, incl. payment, 3 timeline events and indexes)";
            var searchOk = figures.Where(f => f.Key.StartsWith("search")).All(f => double.Parse(f.Value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) <= 50);
            var invariants = new List<InvariantResult> { new("order search ≤ 50 ms", searchOk, "median of 20 runs per query") };
            return new RehearsalReport("bigdata", o, at, RehearsalCommand.Machine(), null, null, invariants, figures, RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    /// <summary>The median of 20 timed runs (after one warm-up), in ms.</summary>
    private static async Task<string> TimeAsync<T>(Func<Task<T>> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return $"{Percentiles.Of(times, 50).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} ms (p95 {Percentiles.Of(times, 95):0.00})";
    }

    private static async Task SeedAsync(RehearsalHost host, int count, int[] actionIds, TextWriter output)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(host.DataDirectory, "stars-studio.db"), Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync();
        }
        var statuses = new[] { "Delivered", "Delivered", "Delivered", "Delivered", "Expired", "Refunded", "DeliveryFailed", "InvoiceSent" };
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        const int batch = 50_000;
        for (var done = 0; done < count; done += batch)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            var order = connection.CreateCommand();
            order.Transaction = tx;
            order.CommandText = """
                INSERT INTO Orders (Code, BotId, BuyerId, ActionId, ActionVersion, Kind, Stars, Status, CreatedAt, ExpiresAt, PaidAt, ChargeId, DeliveredAt, Resolved, ConcurrencyStamp)
                VALUES ($code, $bot, $buyer, $action, 1, 'CreditPack', 5, $status, $created, $expires, $paid, $charge, $delivered, 0, $stamp);
                """;
            var p = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "$code", "$bot", "$buyer", "$action", "$status", "$created", "$expires", "$paid", "$charge", "$delivered", "$stamp" })
                p[name] = order.Parameters.Add(new SqliteParameter { ParameterName = name });
            var payment = connection.CreateCommand();
            payment.Transaction = tx;
            payment.CommandText = """
                INSERT INTO Payments (ChargeId, ProviderChargeId, BotId, BuyerId, Currency, TotalAmount, InvoicePayload, OrderId, Match, UpdateId, ReceivedAt, Resolved)
                VALUES ($charge, NULL, $bot, $buyer, 'XTR', 5, 'o0.seed', last_insert_rowid(), 'Matched', 0, $at, 0);
                """;
            var pc = payment.Parameters.Add(new SqliteParameter { ParameterName = "$charge" });
            var pb = payment.Parameters.Add(new SqliteParameter { ParameterName = "$bot" });
            var pu = payment.Parameters.Add(new SqliteParameter { ParameterName = "$buyer" });
            var pa = payment.Parameters.Add(new SqliteParameter { ParameterName = "$at" });
            var ev = connection.CreateCommand();
            ev.Transaction = tx;
            ev.CommandText = "INSERT INTO OrderEvents (OrderId, At, Actor, Kind, Detail) VALUES ($order, $at, 'Bot', $kind, $detail);";
            var eo = ev.Parameters.Add(new SqliteParameter { ParameterName = "$order" });
            var ea = ev.Parameters.Add(new SqliteParameter { ParameterName = "$at" });
            var ek = ev.Parameters.Add(new SqliteParameter { ParameterName = "$kind" });
            var ed = ev.Parameters.Add(new SqliteParameter { ParameterName = "$detail" });
            var idQuery = connection.CreateCommand();
            idQuery.Transaction = tx;
            idQuery.CommandText = "SELECT last_insert_rowid();";

            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var created = start.AddSeconds(i * (365.0 * 86400 / count));
                var status = statuses[i % statuses.Length];
                var paidish = status is "Delivered" or "Refunded" or "DeliveryFailed";
                p["$code"].Value = $"SS-{i:X6}".Replace('0', 'Z').Replace('1', 'Y');
                p["$bot"].Value = host.BotId;
                p["$buyer"].Value = 1_000_000_000L + i % 200_000;
                p["$action"].Value = actionIds[i % actionIds.Length];
                p["$status"].Value = status;
                p["$created"].Value = created.UtcTicks;
                p["$expires"].Value = created.AddHours(24).UtcTicks;
                p["$paid"].Value = paidish ? created.AddSeconds(20).UtcTicks : DBNull.Value;
                p["$charge"].Value = paidish ? $"stx{i:D10}seed" : DBNull.Value;
                p["$delivered"].Value = status == "Delivered" ? created.AddSeconds(21).UtcTicks : DBNull.Value;
                p["$stamp"].Value = Guid.NewGuid().ToString();
                await order.ExecuteNonQueryAsync();
                var orderId = (long)(await idQuery.ExecuteScalarAsync())!;
                if (paidish)
                {
                    pc.Value = $"stx{i:D10}seed"; pb.Value = host.BotId; pu.Value = p["$buyer"].Value; pa.Value = created.AddSeconds(20).UtcTicks;
                    await payment.ExecuteNonQueryAsync();
                }
                foreach (var (kind, detail) in new[] { ("created", "Tapped Buy"), ("invoice", "Invoice sent"), (paidish ? "paid" : "expired", paidish ? "Paid ⭐5" : "Expired") })
                {
                    eo.Value = orderId; ea.Value = created.UtcTicks; ek.Value = kind; ed.Value = detail;
                    await ev.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
            await output.WriteLineAsync($"  {Math.Min(count, done + batch):N0}/{count:N0} orders");
        }
    }
}
