using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Writes the emulator's state through to practice.db and loads a bot back after a restart.</summary>
public sealed class PracticeStore(IDbContextFactory<PracticeDbContext> dbFactory)
{
    /// <summary>One short unit of work: the caller adds or updates the rows it changed.</summary>
    public async Task SaveAsync(Action<PracticeDbContext> stage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        stage(db);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task ExecuteAsync(Func<PracticeDbContext, Task> work)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await work(db);
    }

    internal async Task<PracticeBot?> LoadAsync(long botId, PracticeRateLimitOptions rateLimits, DateTimeOffset updatesNotBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.BotId == botId, ct);
        if (row is null) return null;
        var bot = new PracticeBot(row, rateLimits);
        foreach (var buyer in await db.Buyers.AsNoTracking().Where(b => b.BotId == botId).ToListAsync(ct)) bot.Buyers[buyer.UserId] = buyer;
        foreach (var message in await db.Messages.AsNoTracking().Where(m => m.BotId == botId).OrderBy(m => m.MessageId).ToListAsync(ct)) bot.AddMessage(message);
        // Telegram keeps unconfirmed updates for 24 hours; older ones are gone after a restart too.
        await db.Updates.Where(u => u.BotId == botId && u.CreatedAt < updatesNotBefore).ExecuteDeleteAsync(ct);
        bot.Pending.AddRange(await db.Updates.AsNoTracking().Where(u => u.BotId == botId).OrderBy(u => u.Seq).ToListAsync(ct));
        foreach (var file in await db.Files.AsNoTracking().Where(f => f.BotId == botId).ToListAsync(ct)) bot.Files[file.FileId] = file;
        foreach (var charge in await db.Charges.AsNoTracking().Where(c => c.BotId == botId).ToListAsync(ct)) bot.Charges[charge.ChargeId] = charge;
        bot.Transactions.AddRange(await db.Transactions.AsNoTracking().Where(t => t.BotId == botId).OrderBy(t => t.Seq).ToListAsync(ct));
        foreach (var link in await db.InvoiceLinks.AsNoTracking().Where(l => l.BotId == botId).ToListAsync(ct)) bot.InvoiceLinks[link.Slug] = link;
        return bot;
    }

    /// <summary>Deletes everything a bot had except the bot itself, whose row (counters included) is saved as given.</summary>
    internal async Task ClearBotDataAsync(PracticeBotRow bot)
    {
        var botId = bot.BotId;
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Buyers.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Messages.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Updates.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Files.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Charges.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.Transactions.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        await db.InvoiceLinks.Where(x => x.BotId == botId).ExecuteDeleteAsync();
        db.Bots.Update(bot);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
