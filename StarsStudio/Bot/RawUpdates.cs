using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Bot;

/// <summary>The tolerant getUpdates: parses update by update and skips (and logs) the ones that do not parse.</summary>
internal static class RawUpdates
{
    public static async Task<Update[]> FetchTolerantAsync(HttpClient http, BotConnection connection, int offset, ILogger logger, CancellationToken ct)
    {
        var baseUrl = (connection.ApiBaseUrl ?? TelegramOptions.CloudApiBaseUrl).TrimEnd('/');
        var url = $"{baseUrl}/bot{connection.Token}/{(connection.UseTestEnvironment ? "test/" : "")}getUpdates";
        using var response = await http.PostAsJsonAsync(url, new { offset, limit = 100, timeout = 0, allowed_updates = BotHostService.AllowedUpdates.Select(u => JsonNamingPolicy.SnakeCaseLower.ConvertName(u.ToString())) }, ct);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var updates = new List<Update>();
        var highestSkipped = -1;
        foreach (var element in doc.RootElement.GetProperty("result").EnumerateArray())
        {
            try
            {
                var update = element.Deserialize<Update>(JsonBotAPI.Options);
                if (update is not null) updates.Add(update);
            }
            catch (JsonException e)
            {
                var id = element.TryGetProperty("update_id", out var idElement) && idElement.TryGetInt32(out var parsed) ? parsed : -1;
                highestSkipped = Math.Max(highestSkipped, id);
                logger.LogWarning("Skipped update {UpdateId}: it does not parse ({Reason})", id, e.Message);
            }
        }
        // A skipped update still has to be confirmed, or Telegram would send it again forever.
        if (highestSkipped >= 0 && updates.All(u => u.Id < highestSkipped))
            updates.Add(new Update { Id = highestSkipped });
        return [.. updates];
    }
}
