using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// A small Bot API server over real HTTP for loop and fault tests: it queues updates, records what the bot
/// sends, and can answer the next calls with 500s, garbage JSON or a stall. The practice emulator covers the
/// full API; this one exists to break things on purpose.
/// </summary>
public sealed partial class LocalBotApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<JsonObject> pending = [];
    private readonly Lock gate = new();
    private int nextUpdateId = 1000;
    private readonly ConcurrentQueue<string> faults = new();

    public ConcurrentQueue<(string Method, JsonObject Body)> Calls { get; } = new();
    /// <summary>The same calls with the moment each arrived (for rate invariants: sends per one-second window).</summary>
    public ConcurrentQueue<(string Method, JsonObject Body, DateTimeOffset At)> TimedCalls { get; } = new();
    public string Url { get; }
    public const string Token = "123456:test-token_ABC";

    private LocalBotApi(WebApplication app, string url) { this.app = app; Url = url; }

    public static async Task<LocalBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalBotApi? self = null;
        app.MapPost("/bot{token}/{method}", async (string token, string method, HttpContext http) => await self!.HandleAsync(token, method, http));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LocalBotApi(app, url);
        return self;
    }

    /// <summary>
    /// Where this API's update ids start. Two APIs that stand for one Telegram bot in front of two app instances
    /// must not hand out the same id for different updates (Telegram never would; the shared dedupe table would
    /// drop the second).
    /// </summary>
    public void NumberUpdatesFrom(int first)
    {
        lock (gate) nextUpdateId = first;
    }

    /// <summary>Queues an update; returns its update_id. Reuse an id to simulate a redelivery.</summary>
    public int Enqueue(Func<int, JsonObject> update, int? id = null)
    {
        lock (gate)
        {
            var updateId = id ?? nextUpdateId++;
            pending.Add(update(updateId));
            return updateId;
        }
    }

    public int EnqueueText(long userId, string text, int? id = null) => Enqueue(updateId => new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Test" },
            ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Test", ["username"] = $"buyer{userId}" },
            ["text"] = text,
        },
    }, id);

    /// <summary>The next calls (of any method) answer with this fault: "500", "garbage", "stall".</summary>
    public void FailNext(string fault, int times = 1)
    {
        for (var i = 0; i < times; i++) faults.Enqueue(fault);
    }

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> methodFaults = new();

    /// <summary>The next calls of one method answer with a fault: "blocked" (403), "429", "500", "hang"; "ok" lets one call through.</summary>
    public void FailMethod(string method, string fault, int times = 1)
    {
        var queue = methodFaults.GetOrAdd(method, _ => new ConcurrentQueue<string>());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new();

    /// <summary>
    /// The next call of the method is recorded at once but answered only when the returned source completes: the
    /// window in which Telegram has acted but the bot has not heard back yet.
    /// </summary>
    public TaskCompletionSource HoldNext(string method)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holds[method] = release;
        return release;
    }

    public IEnumerable<JsonObject> CallsOf(string method) => Calls.Where(c => c.Method == method).Select(c => c.Body);

    private static JsonObject SentMessage(JsonObject body, Action<JsonObject> fill)
    {
        var message = new JsonObject
        {
            ["message_id"] = Random.Shared.Next(1, int.MaxValue),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = JsonValue.Create(long.Parse(body["chat_id"]!.ToString())), ["type"] = "private" },
        };
        fill(message);
        return message;
    }

    /// <summary>Waits (bounded) until a call of the method satisfies the predicate.</summary>
    public async Task<JsonObject> WaitForCallAsync(string method, Func<JsonObject, bool> predicate, int seconds = Eventually.DefaultSeconds) =>
        (await Eventually.GetAsync(() => Task.FromResult(CallsOf(method).FirstOrDefault(predicate)), match => match is not null, _ => $"no {method} call matched", seconds))!;

    /// <summary>
    /// Waits until the bot asked getUpdates for an offset above the update: it has routed the batch holding it
    /// (payments and pre-checkouts finished; commands and buttons queued, see <see cref="LocalShop.SettleAsync"/>).
    /// </summary>
    public Task PolledPastAsync(int updateId, int seconds = Eventually.DefaultSeconds) =>
        Eventually.UntilAsync(() => CallsOf("getUpdates").Any(b => (b["offset"]?.GetValue<int>() ?? 0) > updateId),
            $"a getUpdates with an offset above {updateId} (the bot never confirmed it)", seconds);

    /// <summary>
    /// Queues an update with no content (no handler takes it) and waits until the bot has polled past it: every
    /// update queued before it has been routed. Tests that assert "nothing (more) happened" wait on this instead
    /// of sleeping.
    /// </summary>
    public async Task<int> PolledPastMarkerAsync(int seconds = Eventually.DefaultSeconds)
    {
        var marker = Enqueue(id => new JsonObject { ["update_id"] = id });
        await PolledPastAsync(marker, seconds);
        return marker;
    }

    public IEnumerable<string> SentTexts(long chatId) =>
        Calls.Where(c => c.Method == "sendMessage" && c.Body["chat_id"]?.ToString() == chatId.ToString()).Select(c => c.Body["text"]!.GetValue<string>());

    /// <summary>Waits (bounded) until the bot sent a message to the chat that satisfies the predicate.</summary>
    public async Task<string> WaitForTextAsync(long chatId, Func<string, bool> predicate, int seconds = Eventually.DefaultSeconds) =>
        (await Eventually.GetAsync(() => Task.FromResult(SentTexts(chatId).FirstOrDefault(predicate)), match => match is not null,
            _ => $"no message to {chatId} matched. Sent: {string.Join(" | ", SentTexts(chatId))}", seconds))!;

    private async Task<IResult> HandleAsync(string token, string method, HttpContext http)
    {
        if (token != Token) return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        JsonObject body = [];
        if (http.Request.HasJsonContentType())
            body = (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [];
        else if (http.Request.HasFormContentType)
            foreach (var field in (await http.Request.ReadFormAsync()).Where(f => f.Key != "document" && f.Key != "photo"))
                body[field.Key] = field.Value.ToString();
        Calls.Enqueue((method, body));
        TimedCalls.Enqueue((method, body, DateTimeOffset.UtcNow));
        if (holds.TryRemove(method, out var hold)) await hold.Task.WaitAsync(TimeSpan.FromSeconds(30));

        if (faults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case "500": return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
                case "garbage": return Results.Text("<html>502 Bad Gateway</html>{not json", "application/json", statusCode: 200);
                case "stall": await Task.Delay(TimeSpan.FromSeconds(6), http.RequestAborted).ContinueWith(_ => { }); return Results.Empty;
            }
        }
        if (methodFaults.TryGetValue(method, out var methodFault) && methodFault.Count > 0 && methodFault.TryDequeue(out var f))
        {
            switch (f)
            {
                case "blocked": return Results.Json(new { ok = false, error_code = 403, description = "Forbidden: bot was blocked by the user" }, statusCode: 403);
                case "429": return Results.Json(new { ok = false, error_code = 429, description = "Too Many Requests: retry after 1", parameters = new { retry_after = 1 } }, statusCode: 429);
                case "500": return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
                case "hang": await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted).ContinueWith(_ => { }); return Results.Empty;
            }
        }

        if (await StarsAnswerAsync(method, body) is { } stars) return stars;
        return method switch
        {
            "getMe" => Ok(new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Local", ["username"] = "local_test_bot" }),
            "getUpdates" => await GetUpdatesAsync(body, http.RequestAborted),
            "sendMessage" or "editMessageReplyMarkup" or "editMessageText" => Ok(SentMessage(body, m => m["text"] = body["text"]?.DeepClone())),
            "sendInvoice" => Ok(SentMessage(body, m => m["invoice"] = new JsonObject
            {
                ["title"] = body["title"]?.DeepClone(), ["description"] = body["description"]?.DeepClone(),
                ["start_parameter"] = "", ["currency"] = body["currency"]?.DeepClone(),
                ["total_amount"] = body["prices"]?.AsArray()[0]?["amount"]?.DeepClone(),
            })),
            "sendDocument" => Ok(SentMessage(body, m => m["document"] = new JsonObject
            {
                ["file_id"] = body["document"]?.ToString() is { Length: > 0 } reused ? reused : "doc-" + Guid.NewGuid().ToString("N"),
                ["file_unique_id"] = Guid.NewGuid().ToString("N"),
            })),
            "getChat" => ChannelOf(body) is { } c
                ? Ok(new JsonObject { ["id"] = c.Id, ["type"] = "channel", ["title"] = c.Title, ["username"] = c.Username, ["accent_color_id"] = 0, ["max_reaction_count"] = 11 })
                : Results.Json(new { ok = false, error_code = 400, description = "Bad Request: chat not found" }, statusCode: 400),
            "getChatMember" => ChannelOf(body) is { } c
                ? Ok(c.BotIsAdmin
                    ? new JsonObject
                    {
                        ["status"] = "administrator", ["user"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Local" },
                        ["can_be_edited"] = false, ["is_anonymous"] = false, ["can_manage_chat"] = true, ["can_delete_messages"] = true,
                        ["can_manage_video_chats"] = true, ["can_restrict_members"] = true, ["can_promote_members"] = false, ["can_change_info"] = true,
                        ["can_invite_users"] = true, ["can_post_stories"] = true, ["can_edit_stories"] = true, ["can_delete_stories"] = true,
                        ["can_post_messages"] = true, ["can_edit_messages"] = true,
                    }
                    : new JsonObject { ["status"] = "member", ["user"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Local" } })
                : Results.Json(new { ok = false, error_code = 400, description = "Bad Request: chat not found" }, statusCode: 400),
            _ => Ok(JsonValue.Create(true)),
        };
    }

    /// <summary>Channels getChat/getChatMember know, by id; the bot is an admin that may post unless told otherwise.</summary>
    public ConcurrentDictionary<long, (long Id, string Title, string Username, bool BotIsAdmin)> Channels { get; } = new();

    private (long Id, string Title, string Username, bool BotIsAdmin)? ChannelOf(JsonObject body)
    {
        var chat = body["chat_id"]?.ToString() ?? "";
        foreach (var c in Channels.Values)
            if (chat == c.Id.ToString() || string.Equals(chat, "@" + c.Username, StringComparison.OrdinalIgnoreCase)) return c;
        return null;
    }

    private async Task<IResult> GetUpdatesAsync(JsonObject body, CancellationToken ct)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var timeout = body["timeout"]?.GetValue<int>() ?? 0;
        var until = DateTime.UtcNow.AddSeconds(timeout);
        while (true)
        {
            JsonArray result;
            lock (gate)
            {
                // Offset confirms everything below it, as on Telegram.
                pending.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                result = [.. pending.Select(u => u.DeepClone())];
            }
            if (result.Count > 0 || DateTime.UtcNow >= until || ct.IsCancellationRequested) return Ok(result);
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static IResult Ok(JsonNode? result) =>
        Results.Text(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
