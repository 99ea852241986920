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
            return c.Words.T("delivered.file", ("file", c.Terms.FileName));
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
        return c.Words.T("delivered.file", ("file", c.Terms.FileName));
    }
}
