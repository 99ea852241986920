using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>A slash command the buyer can send, e.g. /terms. Features register theirs; the CommandHandler dispatches.</summary>
public interface IBotCommand
{
    /// <summary>Without the slash, lower case.</summary>
    string Name { get; }
    /// <summary>Shown in Telegram's command menu; null hides the command from the menu.</summary>
    string? MenuDescription { get; }
    Task RunAsync(CommandContext context, CancellationToken ct);
}
