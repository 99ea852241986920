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

/// <summary>One emulated bot, created when its token is registered (the app's practice token, or the control API).</summary>
public sealed class PracticeBotRow
{
    public long BotId { get; set; }
    public required string Token { get; set; }
    public required string Username { get; set; }
    public required string FirstName { get; set; }
    public int NextUpdateId { get; set; } = 1;
    public int NextMessageId { get; set; } = 1;
    /// <summary>Paid broadcasts cost 0.1 Star a message, so the balance is kept in tenths of a Star.</summary>
    public long StarBalanceTenths { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>JSON array; Telegram remembers the last allowed_updates a bot asked for.</summary>
    public string? AllowedUpdatesJson { get; set; }
    public string? CommandsJson { get; set; }
    /// <summary>Per-bot switch from the control API; null follows configuration.</summary>
    public bool? RateLimitsEnabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A virtual buyer of one bot: a Telegram user with a Star balance.</summary>
public sealed class PracticeBuyerRow
{
    public long BotId { get; set; }
    public long UserId { get; set; }
    public required string FirstName { get; set; }
    public string? Username { get; set; }
    public string? LanguageCode { get; set; }
    public long Stars { get; set; }
    public bool Blocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum PracticeMessageKind { FromBot = 0, FromBuyer = 1, Notice = 2 }

/// <summary>A message in a buyer's chat with the bot, kept as the Bot API's Message JSON.</summary>
public sealed class PracticeMessageRow
{
    public long BotId { get; set; }
    public int MessageId { get; set; }
    public long ChatId { get; set; }
    public PracticeMessageKind Kind { get; set; }
    public required string Json { get; set; }
    /// <summary>Invoices only: Telegram never shows the payload in the Message, but the payment needs it.</summary>
    public string? InvoicePayload { get; set; }
    public bool Deleted { get; set; }
    public DateTimeOffset Date { get; set; }
}

/// <summary>An update waiting for getUpdates or the webhook. Raw JSON, so injected garbage stays garbage.</summary>
public sealed class PracticeUpdateRow
{
    public long Seq { get; set; }
    public long BotId { get; set; }
    public int UpdateId { get; set; }
    /// <summary>message, callback_query, pre_checkout_query, … (null when the injected JSON has no known type).</summary>
    public string? Type { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class PracticeFileRow
{
    public required string FileId { get; set; }
    public long BotId { get; set; }
    public required string FileUniqueId { get; set; }
    public required string FilePath { get; set; }
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A successful Stars payment (telegram_payment_charge_id) and whether it was refunded.</summary>
public sealed class PracticeChargeRow
{
    public required string ChargeId { get; set; }
    public long BotId { get; set; }
    public long UserId { get; set; }
    public long Amount { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
}

/// <summary>A row of getStarTransactions: a payment (incoming) or a refund (outgoing).</summary>
public sealed class PracticeTransactionRow
{
    public long Seq { get; set; }
    public long BotId { get; set; }
    public required string TransactionId { get; set; }
    public long Amount { get; set; }
    public bool Outgoing { get; set; }
    public long UserId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset Date { get; set; }
}

/// <summary>A link made by createInvoiceLink; buyers can pay it like an invoice message.</summary>
public sealed class PracticeInvoiceLinkRow
{
    public required string Slug { get; set; }
    public long BotId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Payload { get; set; }
    public long Amount { get; set; }
}
