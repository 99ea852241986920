using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Rehearsal;

public static partial class Invariants
{
    /// <summary>
    /// After a run with early-bird prices: no action sold more early-bird units than its limit, and every order sold
    /// at the early price was charged exactly that — by the bot's record and by the Stars the emulator moved. An
    /// order counts as early-bird by its own flag, never by its amount (a 20 % code can cost the same).
    /// </summary>
    public static async Task<(IReadOnlyList<InvariantResult> Checks, IReadOnlyDictionary<string, string> Figures)> EarlyBirdAsync(RehearsalHost host)
    {
        await using var db = await host.DbAsync();
        var earlyBirds = await db.EarlyBirds.AsNoTracking().ToDictionaryAsync(e => e.ActionId);
        var paid = await db.Orders.AsNoTracking()
            .Where(o => o.BotId == host.BotId && o.EarlyBird && Order.PaidStates.Contains(o.Status))
            .Select(o => new { o.Code, o.ActionId, o.Stars, o.ChargeId }).ToListAsync();
        // Refusals are lines in the orders' logs (the Reject transition) or rows (a refusal of an order's later attempt).
        var refusedRows = await db.OrderEvents.AsNoTracking()
            .CountAsync(e => e.Detail.Contains("(early-bird-") && db.Orders.Any(o => o.Id == e.OrderId && o.BotId == host.BotId));
        var logs = await db.Orders.AsNoTracking().Where(o => o.BotId == host.BotId && o.TransitionLog.Contains("(early-bird-"))
            .Select(o => new { o.Id, o.TransitionLog }).ToListAsync();
        var refused = refusedRows + logs.Sum(o => OrderTimeline.Parse(o.Id, o.TransitionLog).Count(e => e.Detail.Contains("(early-bird-")));

        var oversold = paid.GroupBy(o => o.ActionId)
            .Where(g => !earlyBirds.TryGetValue(g.Key, out var early) || early.Limit is { } limit && g.Count() > limit)
            .Select(g => $"action {g.Key}: {g.Count()} of {earlyBirds.GetValueOrDefault(g.Key)?.Limit?.ToString() ?? "none"}").ToList();

        var chargedExactly = await ChargedExactlyAsync(host, db);
        var wrong = paid.Where(o =>
        {
            var expected = earlyBirds.TryGetValue(o.ActionId, out var early) ? early.Stars : -1;
            return o.Stars != expected || !chargedExactly(o.ChargeId, expected);
        }).ToList();
        var examples = wrong.Count == 0 ? "" : " (" + string.Join(", ", wrong.Take(5).Select(o => $"{o.Code}: paid ⭐{o.Stars}")) + ")";
        var units = earlyBirds.Values.Sum(e => e.Limit ?? 0);
        return (
        [
            new("no early-bird unit sold past its limit", oversold.Count == 0,
                oversold.Count == 0 ? $"{paid.Count} early-bird units paid of {units} on offer over {earlyBirds.Count} actions" : string.Join("; ", oversold)),
            new("each early-bird order paid exactly the early price", wrong.Count == 0,
                $"{paid.Count - wrong.Count} of {paid.Count} charged and recorded at the early price{examples}"),
        ],
        new Dictionary<string, string>
        {
            ["early bird"] = $"{units} units on offer ({earlyBirds.Count} actions), {paid.Count} sold; {refused} invoices refused at pre-checkout once the units were gone",
        });
    }
}
