namespace StarsStudio.Features.Practice.Emulator;

/// <summary>What a queued change does to its row in practice.db.</summary>
public enum PracticeWriteOp
{
    Insert,
    Update,
    Delete,
    /// <summary>"Reset practice data": every row of the bot goes, and the bot row is written as given.</summary>
    ResetBot,
}
