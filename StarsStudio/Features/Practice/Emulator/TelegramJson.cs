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

    /// <summary>The update's sender (from.id) or chat (chat.id) one level down, e.g. message.from.id; 0 when it has neither.</summary>
    public static long ChatKeyOf(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject update) return 0;
            foreach (var (key, value) in update)
            {
                if (key == "update_id" || value is not JsonObject body) continue;
                if (body["from"]?["id"] is JsonValue from && from.TryGetValue<long>(out var user)) return user;
                if (body["chat"]?["id"] is JsonValue chat && chat.TryGetValue<long>(out var chatId)) return chatId;
            }
        }
        catch (System.Text.Json.JsonException) { }
        return 0;
    }

    /// <summary>message, callback_query, …: the key next to update_id.</summary>
    public static string? UpdateType(JsonNode? update) =>
        update is JsonObject o ? o.Select(p => p.Key).FirstOrDefault(k => k != "update_id") : null;
}
