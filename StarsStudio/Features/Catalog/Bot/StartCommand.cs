using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Settings;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Catalog.Bot;

/// <summary>
/// /start [slug]: the welcome and the catalog, or for a deep link the action's invoice (one message: its title and
/// description carry the card) or, where the creator chose it or questions come first, its card with Buy.
/// </summary>
public sealed class StartCommand(SettingsService settings, CatalogService catalog, BuyerDirectory buyers, BotSender sender, IDeepLinkInvoice invoices, ICardOffers offers, Languages.BuyerWords words, TimeProvider clock) : IBotCommand
{
    public string Name => "start";
    public string? MenuDescription => "See what you can buy";

    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        var w = await words.ForAsync(c.From, ct);
        if (c.Arguments.Length > 0 && await catalog.FindBySlugAsync(c.Arguments, ct) is { } action)
        {
            if (action.OpensWithInvoice && action.IsOnSale(clock.GetUtcNow()))
            {
                // The checkout touches the buyer inside its transaction, as /start does (an earlier /stop is
                // cleared); only where it stopped short of an invoice is the buyer touched here.
                if (!await invoices.SendInvoiceAsync(c.Bot, c.From, action, ct)) await buyers.TouchAsync(c.Bot.BotId, c.From, subscribe: true, ct);
                return;
            }
            await buyers.TouchAsync(c.Bot.BotId, c.From, subscribe: true, ct);
            await CatalogReplies.SendCardAsync(sender, c.Bot, c.ChatId, action, clock, ct, await offers.ForCardAsync(c.Bot, c.From.Id, action, ct, w), w);
            return;
        }
        await buyers.TouchAsync(c.Bot.BotId, c.From, subscribe: true, ct);
        // "slug--CODE" (a code link) or "slug CODE" (typed): the offer feature opens the action with the code.
        if (c.Arguments.Length > 0 && await offers.TryOpenWithCodeAsync(c.Bot, c.From, c.ChatId, c.Arguments, ct)) return;
        var texts = await settings.BuyerTextsAsync(w, ct);
        var welcome = Placeholders.Fill(texts.Welcome, Placeholders.ForUser(c.From));
        var onSale = await catalog.OnSaleAsync(ct);
        var keyboard = ActionCards.CatalogKeyboard(onSale, 0, w);
        var text = keyboard is null ? welcome + "\n\n" + w["start.nothing_on_sale"] : welcome;
        await sender.SendTextAsync(c.Bot, c.ChatId, text, SendPriority.Reply, keyboard, ct: ct);
    }
}
