using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<ReminderRecipient> ReminderRecipients => Set<ReminderRecipient>();
    public DbSet<ReminderChannel> ReminderChannels => Set<ReminderChannel>();
}
