using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Features.Delivery;

/// <summary>/purchases: what the buyer owns, with buttons to get files and texts again.</summary>
public sealed class PurchasesCommand(BuyerLibrary purchases) : IBotCommand
{
    public string Name => "purchases";
    public string? MenuDescription => "What you bought";
    public Task RunAsync(CommandContext c, CancellationToken ct) => purchases.SendPurchasesAsync(c.Bot, c.From.Id, ct);
}
