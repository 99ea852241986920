using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Delivery;

/// <summary>One order to deliver: the bot, the order, and the terms of the version it was sold under.</summary>
public sealed record DeliveryContext(RunningBot Bot, Order Order, ActionTerms Terms)
{
    /// <summary>The receipt line for deliverers that send it with their content (<see cref="IDeliverer.SendsReceipt"/>).</summary>
    public string ReceiptFooter => Receipts.Footer(Order);
}

/// <summary>Delivers one kind. Grants (credits, command uses) must be idempotent per order; messages may repeat on retry.</summary>
public interface IDeliverer
{
    ActionKind Kind { get; }
    /// <summary>True when the action, as the editor holds it, has everything this kind needs to be delivered.</summary>
    bool IsReady(PaidActionForm form);
    /// <summary>Delivers and returns what the buyer got, in their words, for the receipt and the timeline.</summary>
    Task<string> DeliverAsync(DeliveryContext context, CancellationToken ct);
    /// <summary>
    /// True when the content goes out with its receipt (one message instead of two: at Telegram's cap messages per
    /// purchase are what limits a launch), so the worker sends no receipt of its own.
    /// </summary>
    bool SendsReceipt => false;
}

/// <summary>Files: uploaded once per bot, then re-sent by Telegram's file_id.</summary>
public sealed class FileDeliverer(IDbContextFactory<StarsDbContext> dbFactory, FileStore files, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.File;
    public bool IsReady(PaidActionForm form) => form.FileId is not null;

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var fileId = c.Terms.FileId ?? throw new DeliveryProblemException("The action has no file attached.");
        var caption = $"📎 {c.Terms.Title}";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.TelegramFileIds.AsNoTracking().FirstOrDefaultAsync(f => f.FileId == fileId && f.BotId == c.Bot.BotId, ct);
        if (known is not null)
        {
            await sender.SendAsync(c.Bot, c.Order.BuyerId, SendPriority.Delivery,
                (client, token) => client.SendDocument(c.Order.BuyerId, InputFile.FromFileId(known.TelegramId), caption: caption, cancellationToken: token), ct);
            return $"the file {c.Terms.FileName}";
        }
        if (!File.Exists(files.PathOf(fileId))) throw new DeliveryProblemException($"The file {c.Terms.FileName} is missing from the data directory.");
        var sent = await sender.SendAsync(c.Bot, c.Order.BuyerId, SendPriority.Delivery, async (client, token) =>
        {
            await using var stream = files.Open(fileId);
            return await client.SendDocument(c.Order.BuyerId, InputFile.FromStream(stream, c.Terms.FileName), caption: caption, cancellationToken: token);
        }, ct);
        if (sent.Document?.FileId is { } telegramId)
        {
            db.TelegramFileIds.Add(new TelegramFileId { FileId = fileId, BotId = c.Bot.BotId, TelegramId = telegramId });
            try { await db.SaveChangesAsync(ct); } catch (DbUpdateException) { /* another delivery cached it first */ }
        }
        return $"the file {c.Terms.FileName}";
    }
}

/// <summary>Credit packs: one ledger grant per order (unique), only while the order is being delivered, then the new balance.</summary>
public sealed class CreditDeliverer(CreditLedger ledger, OrderLifecycle lifecycle, BotSender sender, TimeProvider clock) : IDeliverer
{
    public ActionKind Kind => ActionKind.CreditPack;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) => form.CreditAmount > 0;

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var amount = c.Terms.CreditAmount ?? throw new DeliveryProblemException("The action has no credit amount.");
        var granting = await lifecycle.WhileDeliveringAsync(c.Order.Id,
            db => CreditLedger.AddGrantAsync(db, c.Order, amount, c.Terms.CreditExpiryDays, clock.GetUtcNow(), ct), ct);
        if (!granting) throw new OrderNotDeliverableException();
        var balance = await ledger.BalanceAsync(c.Bot.BotId, c.Order.BuyerId, ct);
        var expiry = c.Terms.CreditExpiryDays is { } days ? $" They are valid for {days} days." : "";
        await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            Receipts.WithFooter($"🎉 {amount} credits added.{expiry}\nYour balance: {balance} credits. Send /balance any time.", c.Order), SendPriority.Delivery, ct: ct);
        return $"{amount} credits (balance {balance})";
    }
}

/// <summary>Private text or checklist, in Telegram HTML.</summary>
public sealed class TextDeliverer(BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.PrivateText;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) => !string.IsNullOrWhiteSpace(form.TextContent);

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var text = c.Terms.TextContent ?? throw new DeliveryProblemException("The action has no text.");
        var withReceipt = Receipts.WithFooter(text, c.Order);
        if (withReceipt.Length <= Receipts.MaxMessageLength)
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, withReceipt, SendPriority.Delivery, parseMode: ParseMode.Html, ct: ct);
        else
        {
            // A text near Telegram's length limit cannot carry the receipt: two messages. A crash between them sends
            // the text again on retry (its sending is recorded after both), which is rare and only a repeat.
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, text, SendPriority.Delivery, parseMode: ParseMode.Html, ct: ct);
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, c.ReceiptFooter, SendPriority.Delivery, ct: ct);
        }
        return $"\"{c.Terms.Title}\"";
    }
}

/// <summary>Paid commands: an entitlement with N uses, granted once per order.</summary>
public sealed class CommandDeliverer(OrderLifecycle lifecycle, BotSender sender, TimeProvider clock) : IDeliverer
{
    public ActionKind Kind => ActionKind.PaidCommand;
    public bool SendsReceipt => true;
    public bool IsReady(PaidActionForm form) =>
        !string.IsNullOrWhiteSpace(form.CommandName) && (form.CommandMode != Reports.CommandMode.Reply || !string.IsNullOrWhiteSpace(form.CommandReply));

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var name = c.Terms.CommandName ?? throw new DeliveryProblemException("The action has no command.");
        var uses = c.Terms.CommandUses ?? 1;
        var granting = await lifecycle.WhileDeliveringAsync(c.Order.Id, async db =>
        {
            if (await db.CommandEntitlements.AnyAsync(e => e.OrderId == c.Order.Id, ct)) return;
            db.CommandEntitlements.Add(new CommandEntitlement
            {
                BotId = c.Order.BotId, BuyerId = c.Order.BuyerId, OrderId = c.Order.Id, ActionId = c.Order.ActionId, ActionVersion = c.Order.ActionVersion,
                CommandName = name, UsesTotal = uses, UsesLeft = uses, GrantedAt = clock.GetUtcNow(),
            });
        }, ct);
        if (!granting) throw new OrderNotDeliverableException();
        await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            Receipts.WithFooter($"✅ You can now use /{name} {(uses == 1 ? "once" : $"{uses} times")}. Send /{name} to use it.", c.Order), SendPriority.Delivery, ct: ct);
        return $"{uses} use{(uses == 1 ? "" : "s")} of /{name}";
    }
}

/// <summary>A delivery that cannot succeed by retrying (missing file, bad configuration): support must act.</summary>
public sealed class DeliveryProblemException(string message) : Exception(message);

/// <summary>The order stopped being deliverable while its delivery ran (a refund committed first): nothing more goes out.</summary>
public sealed class OrderNotDeliverableException() : Exception("The order is no longer being delivered (it was refunded meanwhile).");
