using System.Globalization;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reminders;

public sealed record PlannedReminder(ReminderKind Kind, string Name, DateTimeOffset SendAt);
