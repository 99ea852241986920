using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

public enum RecipientStatus { Pending, Sending, Sent, Failed, Blocked, Skipped }
