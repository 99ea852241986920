namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// The emulator "died" (a test's simulated crash): what was not committed is gone, and a request waiting for it gets
/// no answer, as a killed process gives none.
/// </summary>
public sealed class PracticeCrashedException() : Exception("The practice emulator stopped before this change reached practice.db.");
