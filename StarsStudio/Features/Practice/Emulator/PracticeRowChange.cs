namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// One change waiting for the group commit. <see cref="Row"/> is a copy taken when the change was queued (under the
/// bot's gate), so what reaches the disk is the state at that moment, never a later, half-made one.
/// </summary>
public readonly record struct PracticeRowChange(PracticeWriteOp Op, object Row);
