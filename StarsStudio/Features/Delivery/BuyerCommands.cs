using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Features.Delivery;

/// <summary>/purchases: what the buyer owns, with buttons to get files and texts again.</summary>
public sealed class PurchasesCommand(PurchasesService purchases) : IBotCommand
{
    public string Name => "purchases";
    public string? MenuDescription => "What you bought";
    public Task RunAsync(CommandContext c, CancellationToken ct) => purchases.SendPurchasesAsync(c.Bot, c.From.Id, ct);
}

/// <summary>/balance: credits (with expiry) and paid-command uses left.</summary>
public sealed class BalanceCommand(PurchasesService purchases) : IBotCommand
{
    public string Name => "balance";
    public string? MenuDescription => "Your credits";
    public Task RunAsync(CommandContext c, CancellationToken ct) => purchases.SendBalanceAsync(c.Bot, c.From.Id, ct);
}

/// <summary>
/// Commands sold as paid actions (e.g. /translate): one use per message. Without uses left, the buyer gets
/// the action's card to buy more.
/// </summary>
public sealed class PaidCommandRunner(PurchasesService purchases, CatalogService catalog, BotSender sender, TimeProvider clock) : IDynamicCommand
{
    public async Task<bool> TryRunAsync(CommandContext c, string name, CancellationToken ct)
    {
        var use = await purchases.UseCommandAsync(c.Bot, c.From.Id, name, ct, c.Arguments);
        if (use == CommandUse.Used) return true;
        var onSale = (await catalog.OnSaleAsync(ct)).FirstOrDefault(a => a.Kind == ActionKind.PaidCommand && a.Terms.CommandName == name);
        if (use == CommandUse.NotOwned && onSale is null) return false;
        if (use == CommandUse.NoneLeft)
            await sender.SendTextAsync(c.Bot, c.ChatId, $"You have used all your /{name} uses.", SendPriority.Reply, ct: ct);
        if (onSale is not null) await CatalogReplies.SendCardAsync(sender, c.Bot, c.ChatId, onSale, clock, ct);
        return true;
    }
}
