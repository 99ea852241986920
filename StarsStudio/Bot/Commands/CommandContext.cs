using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>A command message: who sent it, the arguments after the command, and the bot to answer with.</summary>
public sealed record CommandContext(RunningBot Bot, Message Message, string Arguments)
{
    public long ChatId => Message.Chat.Id;
    public User From => Message.From!;
}
