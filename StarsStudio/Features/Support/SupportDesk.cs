using StarsStudio.Features.Messages;
using StarsStudio.Features.Audit;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// The /paysupport conversation and inbox: pending prompts (the buyer's next text is the request), requests with
/// their messages, staff replies sent through the bot, and closing with a note to the buyer.
/// </summary>
public sealed class SupportDesk(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotScopes scopes,
    BotClientAccessor bots,
    BotSender sender,
    AuditLog audit,
    SupportNotifier notifier,
    Languages.BuyerWords words,
    TimeProvider clock)
{
    /// <summary>How long a tapped order waits for the buyer's description.</summary>
    public static readonly TimeSpan PromptLifetime = TimeSpan.FromHours(24);

    // The routing table is synchronous, so the set of buyers with a pending prompt is mirrored in memory; the table
    // stays the source of truth (restarts reload it) and HandleAsync re-checks it.
    private ConcurrentDictionary<long, byte>? pendingBuyers;
    private readonly Lock loadGate = new();

    public bool HasPendingPrompt(long buyerId)
    {
        if (pendingBuyers is null)
        {
            lock (loadGate)
            {
                if (pendingBuyers is null)
                {
                    using var db = dbFactory.CreateDbContext();
                    pendingBuyers = new(db.SupportPrompts.AsNoTracking().Select(p => p.BuyerId).ToList().Select(id => KeyValuePair.Create(id, (byte)0)));
                }
            }
        }
        return pendingBuyers.ContainsKey(buyerId);
    }

    public async Task<IReadOnlyList<Order>> RecentOrdersAsync(long botId, long buyerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        OrderStatus[] shown = [.. Order.PaidStates, OrderStatus.Refunded];
        return await db.Orders.AsNoTracking().Include(o => o.Action)
            .Where(o => o.BotId == botId && o.BuyerId == buyerId && shown.Contains(o.Status))
            .OrderByDescending(o => o.CreatedAt).Take(5).ToListAsync(ct);
    }

    public async Task SetPromptAsync(long botId, long buyerId, long? orderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prompt = await db.SupportPrompts.FindAsync([botId, buyerId], ct);
        if (prompt is null) db.SupportPrompts.Add(prompt = new SupportPrompt { BotId = botId, BuyerId = buyerId });
        prompt.OrderId = orderId;
        prompt.CreatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        HasPendingPrompt(buyerId);
        pendingBuyers![buyerId] = 0;
    }

    /// <summary>Turns the buyer's text into a request when a prompt is pending; null when none was (or it expired).</summary>
    public async Task<SupportRequest?> TakePromptAsync(long botId, long buyerId, string text, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var prompt = await db.SupportPrompts.FindAsync([botId, buyerId], ct);
        pendingBuyers?.TryRemove(buyerId, out _);
        if (prompt is null) return null;
        db.SupportPrompts.Remove(prompt);
        var now = clock.GetUtcNow();
        if (now - prompt.CreatedAt > PromptLifetime)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }
        var request = new SupportRequest { BotId = botId, BuyerId = buyerId, OrderId = prompt.OrderId, Status = SupportRequestStatus.Open, CreatedAt = now };
        request.Messages.Add(new SupportMessage { At = now, FromStaff = false, Text = text.Length > 4000 ? text[..4000] : text });
        db.SupportRequests.Add(request);
        if (prompt.OrderId is { } orderId && await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct) is { } order)
            Payments.Lifecycle.OrderLifecycle.AddEvent(db, order.Id, Payments.Lifecycle.OrderEventKind.SupportRequest,
                new Payments.Lifecycle.OrderChange(now, EventActor.Buyer, $"Buyer wrote to /paysupport: \"{Shorten(text, 200)}\""));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        notifier.Notify();
        return request;
    }

    /// <summary>The requests of one data view: practice buyers' requests stay out of the live inbox.</summary>
    public async Task<IReadOnlyList<SupportRequestView>> ListAsync(bool includeClosed, DataView view = DataView.Live, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = scope.Where(db.SupportRequests.AsNoTracking().Include(r => r.Messages), r => r.BotId);
        if (!includeClosed) q = q.Where(r => r.Status != SupportRequestStatus.Closed);
        var requests = await q.OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        var buyerIds = requests.Select(r => r.BuyerId).Distinct().ToList();
        var buyers = await db.Buyers.AsNoTracking().Where(b => buyerIds.Contains(b.TelegramUserId)).ToListAsync(ct);
        var orderIds = requests.Where(r => r.OrderId is not null).Select(r => r.OrderId!.Value).ToList();
        var codes = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        var recent = (await scope.Orders(db.Orders.AsNoTracking()).Where(o => buyerIds.Contains(o.BuyerId)).OrderByDescending(o => o.CreatedAt).Take(500)
                .Select(o => new OrderRow(o.Id, o.Code, o.CreatedAt, o.BuyerId, null, null, o.ActionId, o.Action!.Name, o.ActionVersion, o.Stars, o.Status, o.Resolved, o.ChargeId, o.Problem, null, null, o.BuyerLanguage))
                .ToListAsync(ct))
            .GroupBy(o => o.BuyerId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderRow>)g.Take(5).ToList());
        return [.. requests.Select(r => new SupportRequestView(r,
            buyers.FirstOrDefault(b => b.BotId == r.BotId && b.TelegramUserId == r.BuyerId),
            r.OrderId is { } id && codes.TryGetValue(id, out var code) ? code : null,
            recent.TryGetValue(r.BuyerId, out var list) ? list : []))];
    }

    public async Task<int> OpenCountAsync(DataView view = DataView.Live, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await scope.Where(db.SupportRequests, r => r.BotId).CountAsync(r => r.Status != SupportRequestStatus.Closed, ct);
    }

    /// <summary>Sends a staff reply to the buyer through the bot and stores it with the request.</summary>
    public async Task<ActionResult> ReplyAsync(long requestId, string actor, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(false, "Write a reply first.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.SupportRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, "This request does not exist.");
        if (bots.Current is not { } bot) return new(false, "The bot is not running, so the reply cannot be sent. Check the status chip and Settings, then try again.");
        try
        {
            var w = await WordsForAsync(db, request, ct);
            using var about = request.OrderId is { } orderId ? OrderMessageLog.About(orderId, OrderMessageKind.SupportReply) : null;
            await sender.SendTextAsync(bot, request.BuyerId, w.T("support.reply", ("id", request.Id), ("text", text.Trim())), SendPriority.Reply, ct: ct);
        }
        catch (Telegram.Bot.Exceptions.RequestException e)
        {
            return new(false, $"Telegram did not deliver the reply: {e.Message}. The buyer may have blocked the bot; otherwise try again.");
        }
        var now = clock.GetUtcNow();
        db.SupportMessages.Add(new SupportMessage { RequestId = request.Id, At = now, FromStaff = true, Author = actor, Text = text.Trim() });
        if (request.Status == SupportRequestStatus.Open) request.Status = SupportRequestStatus.Answered;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "support", $"Replied to support request #{request.Id} from buyer {request.BuyerId}.", CancellationToken.None);
        notifier.Notify();
        return new(true, "Reply sent to the buyer.");
    }

    /// <summary>Closes the request and tells the buyer.</summary>
    public async Task<ActionResult> CloseAsync(long requestId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.SupportRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, "This request does not exist.");
        if (request.Status == SupportRequestStatus.Closed) return new(true, "This request was already closed.");
        request.Status = SupportRequestStatus.Closed;
        request.ClosedAt = clock.GetUtcNow();
        request.ClosedBy = actor;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "support", $"Closed support request #{request.Id} from buyer {request.BuyerId}.", CancellationToken.None);
        notifier.Notify();
        if (bots.Current is { } bot)
        {
            try
            {
                await sender.SendTextAsync(bot, request.BuyerId,
                    (await WordsForAsync(db, request, ct)).T("support.closed", ("id", request.Id)),
                    SendPriority.Reply, ct: ct);
            }
            catch (Telegram.Bot.Exceptions.RequestException e)
            {
                return new(true, $"Closed, but Telegram did not deliver the note to the buyer: {e.Message}.");
            }
        }
        else return new(true, "Closed. The bot is not running, so the buyer was not told.");
        return new(true, "Closed; the buyer was told.");
    }

    /// <summary>The buyer's language as Telegram last told it (stored on the buyer), through the chain.</summary>
    private async Task<Languages.Words> WordsForAsync(StarsDbContext db, SupportRequest request, CancellationToken ct)
    {
        var code = await db.Buyers.AsNoTracking().Where(b => b.BotId == request.BotId && b.TelegramUserId == request.BuyerId).Select(b => b.LanguageCode).FirstOrDefaultAsync(ct);
        return await words.ForAsync(code, ct);
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
