using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot.Commands;

/// <summary>
/// Last stop for messages no other handler claimed: a short help for text, silence for service messages.
/// Never assumes a message has text.
/// </summary>
public sealed class FallbackMessageHandler(BotReplies replies) : IBotUpdateHandler
{

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        // Service messages (joins, payments handled elsewhere, pins) need no answer.
        if (message.Text is null && message.Caption is null && message.Document is null && message.Photo is null && message.Sticker is null) return;
        await replies.SendHelpAsync(update.Bot, message.Chat.Id, message.From, ct);
    }
}
