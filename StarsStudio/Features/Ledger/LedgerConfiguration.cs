using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Ledger;

internal sealed class LedgerConfiguration : IEntityTypeConfiguration<LedgerEntry>, IEntityTypeConfiguration<LedgerCursor>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        // A refund reuses its payment's id: the direction is part of the key.
        b.HasIndex(e => new { e.BotId, e.TransactionId, e.Outgoing }).IsUnique();
        b.HasIndex(e => new { e.BotId, e.At });
        b.HasIndex(e => new { e.BotId, e.Kind, e.At });
        b.HasIndex(e => e.ReminderId);
        b.Property(e => e.TransactionId).HasMaxLength(128);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.PartnerType).HasMaxLength(64);
        b.Property(e => e.TransactionType).HasMaxLength(64);
        b.Property(e => e.Counterparty).HasMaxLength(256);
        b.Property(e => e.InvoicePayload).HasMaxLength(256);
        b.Property(e => e.Note).HasMaxLength(512);
        b.Ignore(e => e.TotalNanostars);
        b.Ignore(e => e.SignedNanostars);
        b.Ignore(e => e.IsRefund);
    }

    public void Configure(EntityTypeBuilder<LedgerCursor> b)
    {
        b.HasKey(c => c.BotId);
        b.Property(c => c.BotId).ValueGeneratedNever();
    }
}
