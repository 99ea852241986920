using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Buyers;

/// <summary>my_chat_member in a private chat: the buyer blocked or unblocked the bot.</summary>
public sealed class ChatMemberHandler(BuyerDirectory buyers) : IBotUpdateHandler
{
    public Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var change = update.Update.MyChatMember!;
        var blocked = change.NewChatMember.Status is ChatMemberStatus.Kicked or ChatMemberStatus.Left;
        return buyers.SetBlockedAsync(update.Bot.BotId, change.From.Id, blocked, ct);
    }
}
