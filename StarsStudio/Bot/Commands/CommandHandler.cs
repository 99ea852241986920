using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>Routes "/name args" messages to the registered <see cref="IBotCommand"/>; unknown commands get the help text.</summary>
public sealed class CommandHandler(IEnumerable<IBotCommand> commands, IEnumerable<IDynamicCommand> dynamicCommands, BotReplies replies) : IBotUpdateHandler
{
    private readonly Dictionary<string, IBotCommand> byName = commands.ToDictionary(c => c.Name);

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        if (!CommandText.TryParse(message.Text, update.Bot.Username, out var name, out var arguments)) return;
        var context = new CommandContext(update.Bot, message, arguments);
        if (byName.TryGetValue(name, out var command))
        {
            await command.RunAsync(context, ct);
            return;
        }
        foreach (var dynamic in dynamicCommands)
            if (await dynamic.TryRunAsync(context, name, ct)) return;
        await replies.SendHelpAsync(update.Bot, message.Chat.Id, message.From, ct);
    }

    /// <summary>The command menu Telegram shows next to the text field.</summary>
    public IEnumerable<BotCommand> Menu() =>
        byName.Values.Where(c => c.MenuDescription is not null).Select(c => new BotCommand(c.Name, c.MenuDescription!));
}
