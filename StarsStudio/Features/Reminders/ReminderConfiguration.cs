using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Features.Reminders;

internal sealed class ReminderConfiguration :
    IEntityTypeConfiguration<Reminder>, IEntityTypeConfiguration<ReminderRecipient>, IEntityTypeConfiguration<ReminderChannel>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.HasIndex(r => new { r.Status, r.SendAt });
        b.HasIndex(r => r.ActionId);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Text).HasMaxLength(4096);
        b.Property(r => r.Language).HasMaxLength(16);
        b.Property(r => r.Translations).AsJsonList();
        b.Property(r => r.PromoCode).HasMaxLength(64);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Filter).HasConversion<string>().HasMaxLength(24);
    }

    public void Configure(EntityTypeBuilder<ReminderRecipient> b)
    {
        b.HasIndex(r => new { r.ReminderId, r.ChatId }).IsUnique();
        b.HasIndex(r => new { r.ReminderId, r.Status });
        // Recovery looks for Sending rows whose lease ran out, across reminders, every few seconds.
        b.HasIndex(r => new { r.Status, r.LeaseUntil });
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.FirstName).HasMaxLength(128);
        b.Property(r => r.Error).HasMaxLength(300);
        b.HasOne<Reminder>().WithMany().HasForeignKey(r => r.ReminderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReminderChannel> b)
    {
        b.HasIndex(c => new { c.BotId, c.ChatId }).IsUnique();
        b.Property(c => c.Title).HasMaxLength(256);
        b.Property(c => c.Username).HasMaxLength(64);
    }
}
