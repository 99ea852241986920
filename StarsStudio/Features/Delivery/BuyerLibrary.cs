using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Delivery;

/// <summary>What buyers own: /purchases, /balance, sending a purchase again, and spending paid-command uses.</summary>
public sealed class BuyerLibrary(
    IDbContextFactory<StarsDbContext> dbFactory,
    IEnumerable<IDeliverer> deliverers,
    CreditLedger credits,
    BotSender sender,
    ICommandUseRunner? useRunner = null)
{
    public async Task<IReadOnlyList<OwnedItem>> OwnedAsync(long botId, long buyerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.BotId == botId && o.BuyerId == buyerId && Order.PaidStates.Contains(o.Status))
            .OrderByDescending(o => o.PaidAt).Take(50).ToListAsync(ct);
        var keys = orders.Select(o => new { o.ActionId, o.ActionVersion }).Distinct().ToList();
        var actionIds = keys.Select(k => k.ActionId).Distinct().ToList();
        var versions = (await db.PaidActionVersions.AsNoTracking().Where(v => actionIds.Contains(v.ActionId)).ToListAsync(ct))
            .ToDictionary(v => (v.ActionId, v.Version), v => v.Terms);
        var orderIds = orders.Select(o => o.Id).ToList();
        var uses = await db.CommandEntitlements.AsNoTracking().Where(e => orderIds.Contains(e.OrderId) && e.RevokedAt == null)
            .ToDictionaryAsync(e => e.OrderId, e => e.UsesLeft, ct);
        return [.. orders.Where(o => versions.ContainsKey((o.ActionId, o.ActionVersion)))
            .Select(o => new OwnedItem(o, versions[(o.ActionId, o.ActionVersion)], uses.TryGetValue(o.Id, out var u) ? u : null))];
    }

    public async Task SendPurchasesAsync(RunningBot bot, long buyerId, CancellationToken ct, Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
        var owned = await OwnedAsync(bot.BotId, buyerId, ct);
        if (owned.Count == 0)
        {
            await sender.SendTextAsync(bot, buyerId, w["purchases.none"], SendPriority.Reply, ct: ct);
            return;
        }
        var lines = new List<string> { w["purchases.title"] };
        var buttons = new List<InlineKeyboardButton[]>();
        foreach (var item in owned)
        {
            var state = item.Order.Status == OrderStatus.Delivered ? "" : $" ({StatusWords(item.Order, w)})";
            var extra = item.Order.Kind switch
            {
                ActionKind.PaidCommand => " — " + w.T("purchases.uses_left", ("left", item.UsesLeft ?? 0), ("total", item.Terms.CommandUses), ("command", item.Terms.CommandName)),
                ActionKind.CreditPack => " — " + w.T("purchases.credits", ("amount", item.Terms.CreditAmount)),
                _ => "",
            };
            var title = item.Terms.InLanguage(w.Code).Title;
            lines.Add($"• {w.Isolate(title)} · {w.Isolate(item.Order.Code)}{extra}{state}");
            if (item.Order.Kind is ActionKind.File or ActionKind.PrivateText && item.Order.Status == OrderStatus.Delivered)
                buttons.Add([InlineKeyboardButton.WithCallbackData($"{w[item.Order.Kind == ActionKind.File ? "purchases.download" : "purchases.show"]} {title}", $"dl:{item.Order.Id}")]);
        }
        var balance = await credits.BalanceAsync(bot.BotId, buyerId, ct);
        if (balance > 0) lines.Add("\n" + w.T("purchases.balance", ("balance", balance)));
        await sender.SendTextAsync(bot, buyerId, string.Join("\n", lines), SendPriority.Reply, buttons.Count > 0 ? new InlineKeyboardMarkup(buttons) : null, ct: ct);
    }

    public async Task SendBalanceAsync(RunningBot bot, long buyerId, CancellationToken ct, Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
        var grants = await credits.LiveGrantsAsync(bot.BotId, buyerId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var commands = await db.CommandEntitlements.AsNoTracking()
            .Where(e => e.BotId == bot.BotId && e.BuyerId == buyerId && e.RevokedAt == null && e.UsesLeft > 0)
            .GroupBy(e => e.CommandName).Select(g => new { Name = g.Key, Left = g.Sum(e => e.UsesLeft) }).ToListAsync(ct);
        var lines = new List<string> { w.T("balance.credits", ("credits", grants.Sum(g => g.Remaining))) };
        foreach (var g in grants.Where(g => g.ExpiresAt is not null))
            lines.Add("  • " + w.T("balance.expire", ("amount", g.Remaining), ("date", g.ExpiresAt!.Value.ToString("d MMM yyyy", Culture(w)))));
        foreach (var c in commands) lines.Add(w.Count("balance.uses", c.Left, ("command", c.Name)));
        if (grants.Count == 0 && commands.Count == 0) lines.Add(w["balance.none"]);
        await sender.SendTextAsync(bot, buyerId, string.Join("\n", lines), SendPriority.Reply, ct: ct);
    }

    /// <summary>Sends a file or text purchase again; returns a short note for the button's toast.</summary>
    public async Task<string?> SendAgainAsync(RunningBot bot, long buyerId, long orderId, CancellationToken ct, Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.BotId == bot.BotId, ct);
        if (order is null || order.BuyerId != buyerId) return w["again.not_yours"];
        if (order.Status != OrderStatus.Delivered) return w["again.unavailable"];
        if (order.Kind is not (ActionKind.File or ActionKind.PrivateText)) return w["again.nothing"];
        var terms = (await db.PaidActionVersions.AsNoTracking().FirstAsync(v => v.ActionId == order.ActionId && v.Version == order.ActionVersion, ct)).Terms;
        var deliverer = deliverers.First(d => d.Kind == order.Kind);
        await deliverer.DeliverAsync(DeliveryContext.For(bot, order, terms), ct);
        return null;
    }

    /// <summary>Spends exactly one use of a paid command (atomic decrement) and sends its reply.</summary>
    /// <param name="w">The buyer's words now: the reply and the count are in their language.</param>
    public async Task<CommandUse> UseCommandAsync(RunningBot bot, long buyerId, string command, CancellationToken ct, string input = "", Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.CommandEntitlements.AsNoTracking()
            .Where(e => e.BotId == bot.BotId && e.BuyerId == buyerId && e.CommandName == command && e.RevokedAt == null)
            .OrderBy(e => e.GrantedAt).ToListAsync(ct);
        if (candidates.Count == 0) return CommandUse.NotOwned;
        foreach (var entitlement in candidates.Where(e => e.UsesLeft > 0))
        {
            // The WHERE makes the decrement conditional: two quick taps can never spend the same use twice.
            var spent = await db.CommandEntitlements.Where(e => e.Id == entitlement.Id && e.UsesLeft > 0 && e.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.UsesLeft, e => e.UsesLeft - 1), ct);
            if (spent == 0) continue;
            var terms = (await db.PaidActionVersions.AsNoTracking().FirstAsync(v => v.ActionId == entitlement.ActionId && v.Version == entitlement.ActionVersion, ct)).Terms.InLanguage(w.Code);
            var left = candidates.Sum(e => e.UsesLeft) - 1;
            if (useRunner is not null && useRunner.Handles(terms))
            {
                try { await useRunner.RunAsync(bot, buyerId, entitlement, terms, input, ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not the buyer's fault: the use is given back.
                    await db.CommandEntitlements.Where(x => x.Id == entitlement.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsesLeft, x => x.UsesLeft + 1), CancellationToken.None);
                    await sender.SendTextAsync(bot, buyerId, w.T("command.could_not_run", ("command", command), ("problem", e.Message)), SendPriority.Reply, ct: ct);
                    return CommandUse.Used;
                }
            }
            else await sender.SendTextAsync(bot, buyerId, terms.CommandReply ?? w["command.done"], SendPriority.Reply, parseMode: ParseMode.Html, ct: ct);
            await sender.SendTextAsync(bot, buyerId, left > 0 ? w.Count("command.left", left, ("command", command)) : w.T("command.last", ("command", command)), SendPriority.Reply, ct: ct);
            return CommandUse.Used;
        }
        return CommandUse.NoneLeft;
    }

    /// <summary>An unfinished purchase's state in the buyer's words (the English wording is the order's own).</summary>
    private static string StatusWords(Order order, Languages.Words w) => order.Status switch
    {
        OrderStatus.Paid or OrderStatus.Delivering => w["status.generating"],
        OrderStatus.DeliveryFailed => w[order.Resolved ? "status.resolved" : "status.failed"],
        OrderStatus.Delivered => w["status.delivered"],
        OrderStatus.Refunded => w["status.refunded"],
        _ => order.Describe(),
    };

    private static System.Globalization.CultureInfo Culture(Languages.Words w) =>
        w.Code == Languages.BuyerLanguages.English ? System.Globalization.CultureInfo.InvariantCulture : System.Globalization.CultureInfo.GetCultureInfo(w.Code);
}
