using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Bot API objects (snake_case JSON) for the emulator's users, chats and messages.</summary>
internal static class TelegramJson
{
    public static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    public static JsonObject User(PracticeBuyerRow buyer)
    {
        var user = new JsonObject { ["id"] = buyer.UserId, ["is_bot"] = false, ["first_name"] = buyer.FirstName };
        if (buyer.Username is { Length: > 0 }) user["username"] = buyer.Username;
        if (buyer.LanguageCode is { Length: > 0 }) user["language_code"] = buyer.LanguageCode;
        return user;
    }

    public static JsonObject BotUser(PracticeBotRow bot) =>
        new() { ["id"] = bot.BotId, ["is_bot"] = true, ["first_name"] = bot.FirstName, ["username"] = bot.Username };

    public static JsonObject Chat(PracticeBuyerRow buyer)
    {
        var chat = new JsonObject { ["id"] = buyer.UserId, ["type"] = "private", ["first_name"] = buyer.FirstName };
        if (buyer.Username is { Length: > 0 }) chat["username"] = buyer.Username;
        return chat;
    }

    public static JsonObject Message(int messageId, DateTimeOffset date, PracticeBuyerRow chat, JsonObject from) => new()
    {
        ["message_id"] = messageId,
        ["from"] = from,
        ["chat"] = Chat(chat),
        ["date"] = Unix(date),
    };

    /// <summary>message, callback_query, …: the key next to update_id.</summary>
    public static string? UpdateType(JsonNode? update) =>
        update is JsonObject o ? o.Select(p => p.Key).FirstOrDefault(k => k != "update_id") : null;
}
