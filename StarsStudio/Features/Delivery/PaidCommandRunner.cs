using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// Commands sold as paid actions (e.g. /translate): one use per message. Without uses left, the buyer gets
/// the action's card to buy more.
/// </summary>
public sealed class PaidCommandRunner(BuyerLibrary purchases, CatalogService catalog, ICardOffers offers, BotSender sender, Languages.BuyerWords words, TimeProvider clock) : IDynamicCommand
{
    public async Task<bool> TryRunAsync(CommandContext c, string name, CancellationToken ct)
    {
        var w = await words.ForAsync(c.From, ct);
        var use = await purchases.UseCommandAsync(c.Bot, c.From.Id, name, ct, c.Arguments, w);
        if (use == CommandUse.Used) return true;
        var onSale = (await catalog.OnSaleAsync(ct)).FirstOrDefault(a => a.Kind == ActionKind.PaidCommand && a.Terms.CommandName == name);
        if (use == CommandUse.NotOwned && onSale is null) return false;
        if (use == CommandUse.NoneLeft)
            await sender.SendTextAsync(c.Bot, c.ChatId, w.T("command.used_all", ("command", name)), SendPriority.Reply, ct: ct);
        // The card at the price this buyer would pay (an early-bird price), as /start shows it.
        if (onSale is not null) await CatalogReplies.SendCardAsync(sender, c.Bot, c.ChatId, onSale, clock, ct, await offers.ForCardAsync(c.Bot, c.From.Id, onSale, ct, w), w);
        return true;
    }
}
