using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Offers;

/// <summary>
/// Quotes the price a buyer gets (card, Buy button, invoice). A quote only reads: the use of a code is taken at Buy
/// by <see cref="OfferLimits.TryHoldCodeAsync"/>, and early-bird units at pre-checkout, both in the database.
/// </summary>
public sealed class OfferPricing(IDbContextFactory<StarsDbContext> dbFactory, IOptionsMonitor<PaymentsOptions> options)
{
    /// <summary>Compiled once: every Buy and every card asks whether its action has an early bird.</summary>
    private static readonly CompiledPerModel<Func<StarsDbContext, int, Task<EarlyBird?>>> EarlyBirdOf = new(() =>
        EF.CompileAsyncQuery((StarsDbContext db, int actionId) => db.EarlyBirds.AsNoTracking().FirstOrDefault(e => e.ActionId == actionId)));

    public async Task<OfferQuote> QuoteAsync(long botId, long buyerId, PaidAction action, string? codeText, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await QuoteAsync(db, botId, buyerId, action, codeText, now, ct);
    }

    public async Task<OfferQuote> QuoteAsync(StarsDbContext db, long botId, long buyerId, PaidAction action, string? codeText, DateTimeOffset now, CancellationToken ct)
    {
        var list = action.Terms.PriceStars;
        var since = now - options.CurrentValue.PaymentWindow;
        var stars = list;
        var earlyOn = false;
        int? earlyLeft = null;
        var early = await EarlyBirdOf.For(db)(db, action.Id);
        if (early is not null && early.Stars < list)
        {
            var held = early.Limit is null ? 0 : await db.Orders.HoldingEarlyBird(botId, action.Id, since).CountAsync(ct);
            if (OfferRules.EarlyBirdOpen(early, now, held))
            {
                earlyOn = true;
                stars = early.Stars;
                if (early.Limit is { } limit) earlyLeft = limit - held;
            }
        }
        if (codeText is null) return new OfferQuote(stars, list, earlyOn, null, null, CodeRule.Applies, earlyOn ? early : null, earlyLeft);

        var normalized = PromoCodes.Normalize(codeText);
        var code = await db.PromoCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized, ct);
        var rule = CodeRule.Unknown;
        if (code is not null)
        {
            var holding = db.Orders.HoldingCode(botId, code.Id, now, since);
            var heldTotal = code.TotalUses is null ? 0 : await holding.CountAsync(ct);
            var heldByBuyer = code.PerBuyerUses is null ? 0 : await holding.CountAsync(o => o.BuyerId == buyerId, ct);
            var paidBefore = code.FirstPurchaseOnly && await db.Orders.PaidByBuyer(botId, buyerId).AnyAsync(ct);
            rule = OfferRules.Check(code, action.Id, now, heldTotal, heldByBuyer, paidBefore);
        }
        if (rule == CodeRule.Applies && OfferPrice.WithCode(list, code!) is var withCode && withCode < stars)
            return new OfferQuote(withCode, list, false, code, normalized, rule, null, null);
        return new OfferQuote(stars, list, earlyOn, null, normalized, rule, earlyOn ? early : null, earlyLeft);
    }
}
