using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

/// <summary>What a reminder is for; the launch plan proposes TopUp before the launch and LiveNow at it.</summary>
public enum ReminderKind { TopUp, LiveNow, Custom }
