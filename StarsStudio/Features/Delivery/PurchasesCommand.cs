using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Features.Delivery;

/// <summary>/purchases: what the buyer owns, with buttons to get files and texts again.</summary>
public sealed class PurchasesCommand(BuyerLibrary purchases, Languages.BuyerWords words) : IBotCommand
{
    public string Name => "purchases";
    public string? MenuDescription => "What you bought";
    public async Task RunAsync(CommandContext c, CancellationToken ct) => await purchases.SendPurchasesAsync(c.Bot, c.From.Id, ct, await words.ForAsync(c.From, ct));
}
