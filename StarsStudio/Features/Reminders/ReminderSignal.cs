using StarsStudio.Hosting;

namespace StarsStudio.Features.Reminders;

/// <summary>Wakes the broadcaster when a reminder is scheduled, resumed, paused or cancelled.</summary>
public sealed class ReminderSignal : WakeSignal;
