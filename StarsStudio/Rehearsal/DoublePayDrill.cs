using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Drill doublepay: Telegram lets any invoice be paid more than once, by its buyer or by whoever it was forwarded
/// to. After each buyer bought, a third pay their invoice again and another third forward it to the next buyer,
/// who pays it. Judged on: each order delivered once, every extra charge refunded exactly once, nobody charged
/// for someone else's invoice, and the Stars add up.
/// </summary>
public static class DoublePayDrill
{
    public static async Task<RehearsalReport> RunAsync(RehearsalOptions o, TextWriter output)
    {
        var at = DateTimeOffset.UtcNow;
        var options = o with { Buyers = Math.Min(o.Buyers, 200), Floor = false };
        await using var host = await RehearsalHost.StartAsync(options);
        try
        {
            var control = host.Control;
            var actions = await Benchmark.SeedCatalogAsync(host, ["credits", "command", "text"]);
            var buyers = await Benchmark.CreateBuyersAsync(control, host.BotId, options.Buyers, 10_000);
            await output.WriteLineAsync($"Drill doublepay: {options.Buyers} buyers; a third pay twice, a third pay an invoice forwarded to them …");
            var before = await control.GetBotAsync(host.BotId);
            await control.ResetRehearsalStatsAsync(host.BotId);
            var m = new Measurements();
            using var chats = new ChatWaiter(control, host.BotId);
            var again = 0;
            var forwarded = 0;
            var seconds = await Benchmark.DriveAsync(options, buyers, async (buyer, i) =>
            {
                var slug = actions[i % actions.Count].Slug;
                if (i % 3 == 0)
                {
                    Interlocked.Increment(ref again);
                    await BuyAndPayAsync(control, chats, host.BotId, buyer, slug, m, invoice => control.PayAsync(host.BotId, buyer, invoice));
                }
                else if (i % 3 == 1)
                {
                    Interlocked.Increment(ref forwarded);
                    var other = buyers[(i + 1) % buyers.Count];
                    await BuyAndPayAsync(control, chats, host.BotId, buyer, slug, m, invoice => control.PayForwardedAsync(host.BotId, other, buyer, invoice), extraFirst: true);
                }
                else await BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, buyer, slug, m, CancellationToken.None);
            }, RehearsalCommand.Progress(options.Buyers, output), CancellationToken.None);
            await output.WriteLineAsync($"Paid again: {again}; forwarded and paid by another buyer: {forwarded}");

            var run = await Benchmark.SummarizeAsync("StarsStudio", control, host.BotId, options.Buyers, m, seconds, before);
            var invariants = (await Invariants.CheckAsync(host, buyers)).ToList();
            invariants.AddRange(await ExtraChargesAsync(host));
            invariants.Add(await Drills.StillWorksAsync(host.Control, host.BotId, actions[0].Slug));
            return new RehearsalReport("drill", options, at, RehearsalCommand.Machine(), run, null, invariants,
                new Dictionary<string, string> { ["drill"] = "invoices paid twice and forwarded invoices paid by other buyers", ["paid again"] = again.ToString(), ["forwarded"] = forwarded.ToString() },
                RehearsalCommand.PeakMemoryMb());
        }
        finally { host.DeleteData(); }
    }

    /// <summary>
    /// One buyer's purchase with a second payment attempt on the same invoice: right after their own payment (a
    /// second device: its pre-checkout can come before the first payment is recorded), or, with
    /// <paramref name="extraFirst"/>, by the buyer it was forwarded to, before the owner pays.
    /// </summary>
    private static async Task BuyAndPayAsync(PracticeControl control, ChatWaiter chats, long botId, long buyer, string slug, Measurements m,
        Func<int, Task<PaymentOutcome>> extraPayment, bool extraFirst = false)
    {
        try
        {
            var (invoice, _) = await BuyerScript.OpenInvoiceAsync(control, chats, botId, buyer, slug, BuyerScript.StepTimeout, CancellationToken.None);
            if (extraFirst) await extraPayment(invoice.MessageId);
            var outcome = await control.PayAsync(botId, buyer, invoice.MessageId);
            if (!extraFirst) await extraPayment(invoice.MessageId);
            if (outcome.Status != PaymentStatus.Paid) { m.Error($"pay: {outcome.Status}"); return; }
            await chats.WaitForAsync(buyer, x => Receipts.IsReceipt(x.Text), invoice.MessageId, BuyerScript.StepTimeout, CancellationToken.None);
            m.Done();
        }
        catch (TimeoutException) { m.Error("timeout waiting for the bot"); }
        catch (PracticeControlException e) { m.Error("control: " + e.Message); }
    }

    /// <summary>Per invoice: the first charge of its buyer is the sale; every other charge is refunded, once.</summary>
    private static async Task<IReadOnlyList<InvariantResult>> ExtraChargesAsync(RehearsalHost host)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var ledger = await host.Control.TransactionsAsync(host.BotId);
            await using var db = await host.DbAsync();
            var orders = await db.Orders.AsNoTracking().Where(o => o.ChargeId != null).ToDictionaryAsync(o => o.ChargeId!);
            var charges = ledger.Where(t => !t.Refund).ToList();
            var refunds = ledger.Where(t => t.Refund).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.Count());
            var extra = charges.Where(c => !orders.ContainsKey(c.Id)).ToList();
            var unrefunded = extra.Count(c => refunds.GetValueOrDefault(c.Id) != 1);
            var saleRefunded = charges.Count(c => orders.ContainsKey(c.Id) && refunds.ContainsKey(c.Id));
            var refundedTwice = refunds.Count(r => r.Value > 1);
            var strangers = charges.Count(c => orders.TryGetValue(c.Id, out var order) && order.BuyerId != c.UserId);
            if ((unrefunded > 0 || saleRefunded > 0) && DateTime.UtcNow < deadline) { await Task.Delay(500); continue; }
            var extraOrders = await db.Payments.CountAsync(p => p.Match == PaymentMatch.SecondPayment);
            return
            [
                new("every extra charge refunded once", unrefunded == 0 && refundedTwice == 0,
                    $"{extra.Count} extra charges ({extraOrders} recorded as second payments); not refunded exactly once: {unrefunded}; refunded twice: {refundedTwice}"),
                new("the sale itself is never refunded, nobody pays for another's order", saleRefunded == 0 && strangers == 0,
                    $"sales refunded: {saleRefunded}; orders paid by someone other than their buyer: {strangers}"),
            ];
        }
    }
}
