using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Settings;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Offers.Bot;

/// <summary>
/// Cards under an offer: the early-bird price on every card, and an action opened with a code (a code link,
/// "/start slug CODE", or the code sent after the card). A code that does not apply gets its plain reason and
/// the card at the normal price.
/// </summary>
public sealed class OfferCards(
    IDbContextFactory<StarsDbContext> dbFactory,
    OfferPricing pricing,
    CatalogService catalog,
    CheckoutService checkout,
    SettingsService settings,
    Languages.BuyerWords words,
    BotSender sender,
    TimeProvider clock,
    ILogger<OfferCards> logger) : ICardOffers
{
    public async Task<CardOffer?> ForCardAsync(RunningBot bot, long buyerId, PaidAction action, CancellationToken ct, Languages.Words? w = null)
    {
        await RememberCardAsync(bot.BotId, buyerId, action.Id, ct);
        var quote = await pricing.QuoteAsync(bot.BotId, buyerId, action, null, clock.GetUtcNow(), ct);
        return quote.Discounted ? OfferDisplay.ForCard(action, quote, await settings.TimeZoneAsync(ct), w) : null;
    }

    public async Task<bool> TryOpenWithCodeAsync(RunningBot bot, User buyer, long chatId, string parameter, CancellationToken ct)
    {
        string slug, code;
        var space = parameter.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (space.Length == 2) (slug, code) = (space[0], PromoCodes.Normalize(space[1]));
        else if (!PromoCodes.TrySplitStart(parameter, out slug, out code)) return false;
        if (await catalog.FindBySlugAsync(slug, ct) is not { } action) return false;
        await OpenAsync(bot, buyer, chatId, action, code, ct);
        return true;
    }

    /// <summary>Opens the action with the code: the invoice (when the link opens with it) or the card; or the reason and the normal card.</summary>
    public async Task OpenAsync(RunningBot bot, User buyer, long chatId, PaidAction action, string code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var w = await words.ForAsync(buyer, ct);
        if (!action.IsOnSale(now))
        {
            await CatalogReplies.SendCardAsync(sender, bot, chatId, action, clock, ct, w: w);
            return;
        }
        var quote = await pricing.QuoteAsync(bot.BotId, buyer.Id, action, code, now, ct);
        if (quote.CodeRule != CodeRule.Applies || quote.Code is null)
        {
            await sender.SendTextAsync(bot, chatId, quote.CodeRule != CodeRule.Applies ? OfferTexts.CodeNotApplied(quote.CodeRule, quote.CodeText ?? code, w) : OfferTexts.CodeNotNeeded(code, w), SendPriority.Reply, ct: ct);
            await CatalogReplies.SendCardAsync(sender, bot, chatId, action, clock, ct, await ForCardAsync(bot, buyer.Id, action, ct, w), w);
            return;
        }
        if (action.OpensWithInvoice)
        {
            var start = await checkout.StartAsync(bot, buyer, action, ct, code: quote.Code.Code);
            if (start.InvoiceSent) return;
            await sender.SendTextAsync(bot, chatId, start.Problem!, SendPriority.Reply, ct: ct);
            if (start.OfferLost) await CatalogReplies.SendCardAsync(sender, bot, chatId, action, clock, ct, await ForCardAsync(bot, buyer.Id, action, ct, w), w);
            return;
        }
        await RememberCardAsync(bot.BotId, buyer.Id, action.Id, ct);
        await CatalogReplies.SendCardAsync(sender, bot, chatId, action, clock, ct, OfferDisplay.ForCard(action, quote, await settings.TimeZoneAsync(ct), w), w);
    }

    public async Task<Catalog.Copy.CopyOffer> ForCopyAsync(int actionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var early = await db.EarlyBirds.AsNoTracking().FirstOrDefaultAsync(e => e.ActionId == actionId, ct);
        var earlyOn = early is not null && early.IsOpenAt(now);
        var code = await db.PromoCodes.AnyAsync(c => (c.ActionId == actionId || c.ActionId == null) && c.WithdrawnAt == null && (c.EndsAt == null || c.EndsAt > now), ct);
        return new(earlyOn || code, earlyOn ? early!.Stars : null);
    }

    /// <summary>The action of the buyer's last card (for a code for every action sent as text), if they saw one lately.</summary>
    public async Task<int?> LastCardAsync(long botId, long buyerId, TimeSpan within, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow() - within;
        return await db.CardsSeen.AsNoTracking().Where(s => s.BotId == botId && s.BuyerId == buyerId && s.At > since).Select(s => (int?)s.ActionId).FirstOrDefaultAsync(ct);
    }

    /// <summary>One row per buyer, overwritten: an update, or an insert when there is none (a racing insert is fine to lose).</summary>
    private async Task RememberCardAsync(long botId, long buyerId, int actionId, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            if (await db.CardsSeen.Where(s => s.BotId == botId && s.BuyerId == buyerId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ActionId, actionId).SetProperty(x => x.At, now), ct) > 0) return;
            db.CardsSeen.Add(new CardSeen { BotId = botId, BuyerId = buyerId, ActionId = actionId, At = now });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two cards at once for one buyer: either row tells which card they saw.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a convenience for codes typed after the card; the card itself must still go out.
            logger.LogWarning(e, "Could not remember buyer {Buyer}'s card", buyerId);
        }
    }
}
