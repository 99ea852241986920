using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Delivery;

public enum JobStatus { Pending, Running, Done, Failed }

/// <summary>
/// The outbox entry that drives delivery. Written in the same transaction as the payment (or by support for a
/// redelivery), picked up by the <see cref="DeliveryWorker"/>, retried with backoff, resumed after a restart.
/// </summary>
public sealed class DeliveryJob
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    /// <summary>The order's bot: only that bot delivers it, and the job waits while that bot is not running.</summary>
    public long BotId { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>Until when the worker that claimed it owns it; after that another claim may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Set by the claim that owns the job now, so a claimer finds exactly the jobs it won.</summary>
    public Guid? ClaimToken { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Who asked: "payment" or a staff email for a redelivery.</summary>
    public required string Reason { get; set; }
    /// <summary>
    /// When the content went out, saved before the receipt is sent: an attempt cut short after it (a crash, a
    /// failed receipt) sends only the receipt next time instead of the content again.
    /// </summary>
    public DateTimeOffset? ContentSentAt { get; set; }
    /// <summary>What the content was ("100 credits", "the file plan.pdf"), for the receipt and the timeline.</summary>
    public string? ContentSummary { get; set; }
}

/// <summary>Credits granted by one paid order. Spends take from the earliest-expiring grant first.</summary>
public sealed class CreditGrant
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>Unique: a paid order grants its credits exactly once, however often delivery runs.</summary>
    public long OrderId { get; set; }
    public int Amount { get; set; }
    public int Remaining { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>Uses of a paid command bought by one order.</summary>
public sealed class CommandEntitlement
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    /// <summary>Unique: granted exactly once per paid order.</summary>
    public long OrderId { get; set; }
    public int ActionId { get; set; }
    public int ActionVersion { get; set; }
    public required string CommandName { get; set; }
    public int UsesTotal { get; set; }
    public int UsesLeft { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryJob>, IEntityTypeConfiguration<CreditGrant>, IEntityTypeConfiguration<CommandEntitlement>
{
    public void Configure(EntityTypeBuilder<DeliveryJob> b)
    {
        b.HasIndex(j => new { j.Status, j.NextAttemptAt });
        b.HasIndex(j => new { j.OrderId, j.Status });
        // One active delivery per order, decided by the database: a double-clicked redelivery cannot queue two.
        b.HasIndex(j => j.OrderId).IsUnique().HasFilter("\"Status\" IN ('Pending', 'Running')").HasDatabaseName("IX_DeliveryJobs_OrderId_Active");
        b.HasIndex(j => new { j.BotId, j.Status, j.NextAttemptAt });
        b.HasIndex(j => j.ClaimToken);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(j => j.Reason).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<CreditGrant> b)
    {
        b.HasIndex(g => g.OrderId).IsUnique();
        b.HasIndex(g => new { g.BotId, g.BuyerId });
    }

    public void Configure(EntityTypeBuilder<CommandEntitlement> b)
    {
        b.HasIndex(e => e.OrderId).IsUnique();
        b.HasIndex(e => new { e.BotId, e.BuyerId, e.CommandName });
        b.Property(e => e.CommandName).HasMaxLength(32);
    }
}
