using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Rehearsal;

public static partial class Invariants
{
    /// <summary>
    /// After a run with codes: no code paid for more often than its uses allow (in total and per buyer), and every
    /// order that carries a code was charged exactly the code's price for its list price — by the bot's record and by
    /// the Stars the emulator moved.
    /// </summary>
    public static async Task<(IReadOnlyList<InvariantResult> Checks, IReadOnlyDictionary<string, string> Figures)> CodesAsync(RehearsalHost host)
    {
        await using var db = await host.DbAsync();
        var codes = await db.PromoCodes.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var paid = await db.Orders.AsNoTracking()
            .Where(o => o.BotId == host.BotId && o.PromoCodeId != null && Order.PaidStates.Contains(o.Status))
            .Select(o => new { o.Id, o.Code, o.BuyerId, PromoCodeId = o.PromoCodeId!.Value, o.ListStars, o.Stars, o.ChargeId }).ToListAsync();
        var overTotal = paid.GroupBy(o => o.PromoCodeId).Count(g => codes[g.Key].TotalUses is { } total && g.Count() > total);
        var overBuyer = paid.GroupBy(o => (o.PromoCodeId, o.BuyerId)).Count(g => codes[g.Key.PromoCodeId].PerBuyerUses is { } each && g.Count() > each);

        var chargedExactly = await ChargedExactlyAsync(host, db);
        var wrong = paid.Where(o =>
        {
            var expected = OfferPrice.WithCode(o.ListStars ?? -1, codes[o.PromoCodeId]);
            return o.ListStars is null || o.Stars != expected || !chargedExactly(o.ChargeId, expected);
        }).ToList();
        var examples = wrong.Count == 0 ? "" : " (" + string.Join(", ", wrong.Take(5).Select(o => $"{o.Code}: list ⭐{o.ListStars}, paid ⭐{o.Stars}")) + ")";
        var usedCodes = paid.Select(o => o.PromoCodeId).Distinct().Count();
        var rehearsalCodes = codes.Values.Count(c => c.Note == "rehearsal");
        return (
        [
            new("no code used more often than allowed", overTotal == 0 && overBuyer == 0,
                $"{paid.Count} paid orders with a code over {usedCodes} codes; over the total: {overTotal}, over the per-buyer limit: {overBuyer}"),
            new("each discounted order paid exactly its discounted price", wrong.Count == 0,
                $"{paid.Count - wrong.Count} of {paid.Count} charged, recorded and priced as the code says{examples}"),
        ],
        new Dictionary<string, string>
        {
            ["codes"] = $"{rehearsalCodes} single-use codes, each tried by up to two buyers at once",
            ["codes used"] = $"{usedCodes} (paid orders with a code: {paid.Count}, ⭐{paid.Sum(o => o.Stars)} instead of ⭐{paid.Sum(o => o.ListStars ?? 0)})",
        });
    }
}
