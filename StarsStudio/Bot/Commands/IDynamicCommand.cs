using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>Commands that exist only as data (paid commands the creator defined); tried after the built-in ones.</summary>
public interface IDynamicCommand
{
    /// <summary>Returns false when the name is not one of its commands.</summary>
    Task<bool> TryRunAsync(CommandContext context, string name, CancellationToken ct);
}
