using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public enum SupportRequestStatus { Open, Answered, Closed }

/// <summary>A buyer's /paysupport request: what they wrote, which order it is about, and the replies.</summary>
public sealed class SupportRequest
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>The order the buyer picked, or null for "Something else".</summary>
    public long? OrderId { get; set; }
    public SupportRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public List<SupportMessage> Messages { get; set; } = [];
}

/// <summary>One message of a support conversation: the buyer's words or a staff reply the bot sent.</summary>
public sealed class SupportMessage
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public bool FromStaff { get; set; }
    /// <summary>Staff email for replies; null for the buyer.</summary>
    public string? Author { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// A buyer who tapped an order in /paysupport and whose next text message is the description of the problem.
/// One per buyer: a newer tap replaces the older one.
/// </summary>
public sealed class SupportPrompt
{
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public long? OrderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum FindingKind
{
    /// <summary>Telegram charged the buyer, but we never recorded the payment.</summary>
    PaidNotRecorded,
    /// <summary>We recorded a payment Telegram does not list.</summary>
    RecordedUnknownToTelegram,
    /// <summary>Telegram refunded it, but our order still counts it as paid.</summary>
    RefundedNotRecorded,
    /// <summary>We marked it refunded, but Telegram lists no refund.</summary>
    RefundMissingAtTelegram,
}

/// <summary>One difference between Telegram's Star transactions and our payments, kept until support fixes it.</summary>
public sealed class ReconciliationFinding
{
    public long Id { get; set; }
    public FindingKind Kind { get; set; }
    /// <summary>The bot whose ledger it came from: practice and live findings never mix.</summary>
    public long BotId { get; set; }
    public required string ChargeId { get; set; }
    public long? BuyerId { get; set; }
    public long Amount { get; set; }
    /// <summary>The invoice payload Telegram reported, so a missing payment can be recorded and delivered.</summary>
    public string? InvoicePayload { get; set; }
    public DateTimeOffset? TransactionAt { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public required string Detail { get; set; }
}

internal sealed class SupportConfiguration :
    IEntityTypeConfiguration<SupportRequest>, IEntityTypeConfiguration<SupportMessage>,
    IEntityTypeConfiguration<SupportPrompt>, IEntityTypeConfiguration<ReconciliationFinding>
{
    public void Configure(EntityTypeBuilder<SupportRequest> b)
    {
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.BotId, r.BuyerId });
        b.HasIndex(r => r.OrderId);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.ClosedBy).HasMaxLength(256);
        b.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId);
    }

    public void Configure(EntityTypeBuilder<SupportMessage> b)
    {
        b.HasIndex(m => new { m.RequestId, m.At });
        b.Property(m => m.Author).HasMaxLength(256);
        b.Property(m => m.Text).HasMaxLength(4096);
    }

    public void Configure(EntityTypeBuilder<SupportPrompt> b) => b.HasKey(p => new { p.BotId, p.BuyerId });

    public void Configure(EntityTypeBuilder<ReconciliationFinding> b)
    {
        b.HasIndex(f => new { f.Kind, f.ChargeId }).IsUnique();
        b.HasIndex(f => f.ResolvedAt);
        b.HasIndex(f => new { f.BotId, f.ResolvedAt });
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(f => f.ChargeId).HasMaxLength(128);
        b.Property(f => f.InvoicePayload).HasMaxLength(256);
        b.Property(f => f.ResolvedBy).HasMaxLength(256);
    }
}

/// <summary>
/// Extra indexes the orders browser needs for instant search at a million orders: by buyer id without the bot id
/// (the Payments index starts with BotId), and the refund time for the earnings chart.
/// </summary>
internal sealed class OrderSearchIndexes : IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasIndex(o => new { o.BuyerId, o.CreatedAt });
        b.HasIndex(o => new { o.Resolved, o.Status });
    }

    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasIndex(p => p.ReceivedAt);
        b.HasIndex(p => p.RefundedAt);
    }
}
