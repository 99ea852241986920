using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;

namespace StarsStudio.Features.Delivery;

/// <summary>/balance: credits (with expiry) and paid-command uses left.</summary>
public sealed class BalanceCommand(BuyerLibrary purchases, Languages.BuyerWords words) : IBotCommand
{
    public string Name => "balance";
    public string? MenuDescription => "Your credits";
    public async Task RunAsync(CommandContext c, CancellationToken ct) => await purchases.SendBalanceAsync(c.Bot, c.From.Id, ct, await words.ForAsync(c.From, ct));
}
