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

/// <summary>Commands that exist only as data (paid commands the creator defined); tried after the built-in ones.</summary>
public interface IDynamicCommand
{
    /// <summary>Returns false when the name is not one of its commands.</summary>
    Task<bool> TryRunAsync(CommandContext context, string name, CancellationToken ct);
}

/// <summary>A command message: who sent it, the arguments after the command, and the bot to answer with.</summary>
public sealed record CommandContext(RunningBot Bot, Message Message, string Arguments)
{
    public long ChatId => Message.Chat.Id;
    public User From => Message.From!;
}

/// <summary>Parses "/cmd@bot args" into its parts; returns false for anything that is not a command.</summary>
public static class CommandText
{
    public static bool TryParse(string? text, string botUsername, out string name, out string arguments)
    {
        name = ""; arguments = "";
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.Length < 2) return false;
        var space = text.IndexOfAny([' ', '\n']);
        var head = space < 0 ? text[1..] : text[1..space];
        arguments = space < 0 ? "" : text[(space + 1)..].Trim();
        var at = head.IndexOf('@');
        if (at >= 0)
        {
            // A command addressed to another bot in a group is not ours.
            if (!head[(at + 1)..].Equals(botUsername, StringComparison.OrdinalIgnoreCase)) return false;
            head = head[..at];
        }
        name = head.ToLowerInvariant();
        return name.Length > 0;
    }
}
