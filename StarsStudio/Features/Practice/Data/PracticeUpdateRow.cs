using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>An update waiting for getUpdates or the webhook. Raw JSON, so injected garbage stays garbage.</summary>
public sealed class PracticeUpdateRow
{
    public long Seq { get; set; }
    public long BotId { get; set; }
    public int UpdateId { get; set; }
    /// <summary>message, callback_query, pre_checkout_query, … (null when the injected JSON has no known type).</summary>
    public string? Type { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    private long? chatKey;

    /// <summary>
    /// Whose update this is (the sender's user id, else the chat's id; 0 if neither): the webhook sends one chat's
    /// updates one at a time, in order, as Telegram does, and different chats' at once. Memory only, read once.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public long ChatKey => chatKey ??= Emulator.TelegramJson.ChatKeyOf(Json);
}
