using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

public enum ReminderStatus { Draft, Scheduled, Sending, Paused, Completed, Cancelled }
