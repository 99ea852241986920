using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>
/// The emulator's own database (practice.db). The emulator stands in for Telegram, a separate system, so it never
/// shares the app's transactions or SQLite write lock.
/// </summary>
public sealed class PracticeDbContext(DbContextOptions<PracticeDbContext> options) : DbContext(options)
{
    public DbSet<PracticeBotRow> Bots => Set<PracticeBotRow>();
    public DbSet<PracticeBuyerRow> Buyers => Set<PracticeBuyerRow>();
    public DbSet<PracticeMessageRow> Messages => Set<PracticeMessageRow>();
    public DbSet<PracticeUpdateRow> Updates => Set<PracticeUpdateRow>();
    public DbSet<PracticeFileRow> Files => Set<PracticeFileRow>();
    public DbSet<PracticeChargeRow> Charges => Set<PracticeChargeRow>();
    public DbSet<PracticeTransactionRow> Transactions => Set<PracticeTransactionRow>();
    public DbSet<PracticeInvoiceLinkRow> InvoiceLinks => Set<PracticeInvoiceLinkRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<PracticeBotRow>().HasKey(x => x.BotId);
        b.Entity<PracticeBotRow>().Property(x => x.BotId).ValueGeneratedNever();
        b.Entity<PracticeBuyerRow>().HasKey(x => new { x.BotId, x.UserId });
        b.Entity<PracticeMessageRow>().HasKey(x => new { x.BotId, x.MessageId });
        b.Entity<PracticeMessageRow>().HasIndex(x => new { x.BotId, x.ChatId });
        b.Entity<PracticeUpdateRow>().HasKey(x => x.Seq);
        b.Entity<PracticeUpdateRow>().HasIndex(x => new { x.BotId, x.UpdateId });
        b.Entity<PracticeFileRow>().HasKey(x => x.FileId);
        b.Entity<PracticeFileRow>().HasIndex(x => new { x.BotId, x.FilePath });
        b.Entity<PracticeChargeRow>().HasKey(x => x.ChargeId);
        b.Entity<PracticeChargeRow>().HasIndex(x => x.BotId);
        b.Entity<PracticeTransactionRow>().HasKey(x => x.Seq);
        b.Entity<PracticeTransactionRow>().HasIndex(x => x.BotId);
        b.Entity<PracticeInvoiceLinkRow>().HasKey(x => x.Slug);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c) =>
        c.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
}
