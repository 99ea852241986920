using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>One line of a buyer's chat as the Practice page and the control API show it.</summary>
public sealed record PracticeChatMessage(
    int MessageId,
    PracticeMessageKind Kind,
    DateTimeOffset Date,
    string? Text,
    IReadOnlyList<IReadOnlyList<ChatButton>> Buttons,
    ChatInvoice? Invoice,
    ChatDocument? Document,
    string? ServiceText,
    bool Edited,
    string Json)
{
    internal static PracticeChatMessage From(PracticeMessageRow row, Func<string, string?> filePathOf, IReadOnlyDictionary<string, int>? paidByPayload = null)
    {
        var json = JsonNode.Parse(row.Json)!.AsObject();
        var buttons = (json["reply_markup"]?["inline_keyboard"] as JsonArray ?? [])
            .Select(r => (IReadOnlyList<ChatButton>)(r as JsonArray ?? []).Select(b => new ChatButton(
                b?["text"]?.ToString() ?? "", b?["callback_data"]?.ToString(), b?["url"]?.ToString(), b?["pay"]?.GetValue<bool>() ?? false)).ToList())
            .ToList();
        ChatInvoice? invoice = json["invoice"] is JsonObject i
            ? new ChatInvoice(i["title"]?.ToString() ?? "", i["description"]?.ToString() ?? "", (long?)i["total_amount"] ?? 0,
                row.InvoicePayload is { } payload ? paidByPayload?.GetValueOrDefault(payload) ?? 0 : 0) : null;
        ChatDocument? document = json["document"] is JsonObject d
            ? new ChatDocument(d["file_name"]?.ToString() ?? "file", d["file_id"]!.ToString(), filePathOf(d["file_id"]!.ToString()), (long?)d["file_size"] ?? 0, false)
            : json["photo"] is JsonArray { Count: > 0 } p
                ? new ChatDocument("photo", p[^1]!["file_id"]!.ToString(), filePathOf(p[^1]!["file_id"]!.ToString()), (long?)p[^1]!["file_size"] ?? 0, true) : null;
        string? service = json["successful_payment"] is JsonObject paid ? $"You paid ⭐{paid["total_amount"]}"
            : json["refunded_payment"] is JsonObject refunded ? $"Refunded ⭐{refunded["total_amount"]}" : null;
        return new PracticeChatMessage(row.MessageId, row.Kind, row.Date, json["text"]?.ToString() ?? json["caption"]?.ToString(),
            buttons, invoice, document, service, json["edit_date"] is not null, row.Json);
    }
}
