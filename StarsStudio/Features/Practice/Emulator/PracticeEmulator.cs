using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// The Telegram Bot API emulator: one <see cref="PracticeBot"/> per registered token, with Telegram's
/// methods, limits and error strings. Bot API methods live in the partial files beside this one; buyers act
/// through <see cref="PracticeControl"/>.
/// </summary>
public sealed partial class PracticeEmulator(
    PracticeStore store,
    IOptionsMonitor<PracticeOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<PracticeEmulator> logger)
{
    private readonly ConcurrentDictionary<long, Lazy<Task<PracticeBot>>> bots = new();

    /// <summary>Raised after any change a buyer could see. Handlers must be quick (pages call InvokeAsync).</summary>
    public event Action<PracticeChange>? Changed;

    /// <summary>Raised when a bot gets new updates; the webhook deliverer listens.</summary>
    internal event Action<long>? UpdatesQueued;

    internal TimeProvider Clock => clock;

    /// <summary>Long polls and hung faults end when the app stops, so shutdown never waits for them.</summary>
    internal CancellationToken Stopping => lifetime.ApplicationStopping;
    internal PracticeOptions Options => options.CurrentValue;

    [GeneratedRegex(@"^(\d{1,19}):[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    public static bool TryParseToken(string token, out long botId)
    {
        botId = 0;
        var match = TokenShape().Match(token);
        return match.Success && long.TryParse(match.Groups[1].Value, out botId) && botId > 0;
    }

    /// <summary>
    /// The bot of a token the emulator knows: registered by <see cref="RegisterBotAsync"/> (the app's practice token,
    /// control API tokens) or stored in practice.db. Any other token is 401 Unauthorized, as on Telegram: a Bot API
    /// call never creates a bot, so a typo or a stranger's token cannot conjure one up.
    /// </summary>
    internal async Task<PracticeBot> BotForTokenAsync(string token, CancellationToken ct)
    {
        if (!TryParseToken(token, out var botId)) throw PracticeErrors.NotFound();
        var bot = await FindBotAsync(botId, ct) ?? throw PracticeErrors.Unauthorized();
        if (bot.Row.Token != token) throw PracticeErrors.Unauthorized();
        return bot;
    }

    /// <summary>
    /// BotFather's part: creates the bot of a well-formed token, or finds it. The caller checks the returned bot's
    /// token, since an id already registered with another secret stays that other bot's.
    /// </summary>
    internal Task<PracticeBot> RegisterBotAsync(string token, CancellationToken ct)
    {
        if (!TryParseToken(token, out var botId)) throw new ArgumentException("Not a bot token.", nameof(token));
        return GetOrCreateAsync(botId, token, ct);
    }

    /// <summary>A bot that already exists (control API and page), or null.</summary>
    internal async Task<PracticeBot?> FindBotAsync(long botId, CancellationToken ct)
    {
        if (bots.TryGetValue(botId, out var existing)) return await existing.Value;
        var loaded = await store.LoadAsync(botId, Options.RateLimits, clock.GetUtcNow().AddHours(-24), ct);
        if (loaded is null) return null;
        return await bots.GetOrAdd(botId, _ => new Lazy<Task<PracticeBot>>(() => Task.FromResult(loaded))).Value;
    }

    internal async Task<PracticeBot> RequireBotAsync(long botId, CancellationToken ct) =>
        await FindBotAsync(botId, ct) ?? throw new PracticeControlException($"No practice bot {botId}: register its token first (POST /practice/control/bots).");

    private Task<PracticeBot> GetOrCreateAsync(long botId, string token, CancellationToken ct)
    {
        var lazy = bots.GetOrAdd(botId, id => new Lazy<Task<PracticeBot>>(() => LoadOrCreateAsync(id, token)));
        var task = lazy.Value;
        // A failed load must not poison the cache forever.
        if (task.IsFaulted) bots.TryRemove(new KeyValuePair<long, Lazy<Task<PracticeBot>>>(botId, lazy));
        return task.WaitAsync(ct);
    }

    private async Task<PracticeBot> LoadOrCreateAsync(long botId, string token)
    {
        var now = clock.GetUtcNow();
        if (await store.LoadAsync(botId, Options.RateLimits, now.AddHours(-24), CancellationToken.None) is { } loaded) return loaded;
        var row = new PracticeBotRow
        {
            BotId = botId, Token = token, Username = $"practice_{botId}_bot", FirstName = "Practice bot", CreatedAt = now,
        };
        store.Insert(row);
        // Registered means durable: BotFather's answer comes after the bot exists in practice.db.
        await store.CommittedFor(botId);
        logger.LogInformation("Practice bot {BotId} created", botId);
        return new PracticeBot(row, Options.RateLimits);
    }

    /// <summary>
    /// "Reset practice data" (Practice page, control API DELETE): forgets the bot's buyers, chats, payments, files,
    /// invoice links and pending updates, but not the bot. Its token stays registered, its settings (webhook,
    /// commands) stay, and update and message ids go on from where they were: the running app's polling offset and
    /// its update_id dedupe remember the old high ids, and ids that started again at 1 would be confirmed away or
    /// dropped as duplicates, leaving the bot deaf until restarted.
    /// </summary>
    internal async Task ResetBotAsync(long botId)
    {
        var bot = await FindBotAsync(botId, CancellationToken.None);
        if (bot is null) return;
        await UnderGateAsync(bot, () =>
        {
            foreach (var pending in bot.PreCheckouts.Values) pending.Answer.TrySetResult((false, "Practice data was reset."));
            bot.ClearPracticeData(Options.RateLimits);
            // Paid Stars went with the payments; the balance follows the (now empty) ledger.
            bot.Row.StarBalanceTenths = 0;
            bot.Row.StarBalanceExtraNanostars = 0;
            store.ResetBot(bot.Row);
            return Task.FromResult(0);
        });
        logger.LogInformation("Practice bot {BotId} reset", botId);
        Changed?.Invoke(new PracticeChange(botId, 0));
    }

    internal void RaiseChanged(long botId, long chatId) => Changed?.Invoke(new PracticeChange(botId, chatId));

    /// <summary>
    /// Runs <paramref name="work"/> under the bot's gate, then — outside the gate, so other calls go on meanwhile —
    /// waits until every change of this bot queued so far is committed: an answer never tells the caller about state
    /// (its own change, or one it read from memory) that a crash could still take back. Many calls share one commit.
    /// </summary>
    internal async Task<T> UnderGateAsync<T>(PracticeBot bot, Func<Task<T>> work, CancellationToken ct = default)
    {
        Task committed;
        T result;
        await EnterGateAsync(bot, ct);
        try
        {
            result = await work();
            committed = store.CommittedFor(bot.BotId);
        }
        finally { bot.Gate.Release(); }
        await committed;
        return result;
    }

    /// <summary>Takes the bot's gate; a bot of a "crashed" emulator (tests) answers nothing more.</summary>
    internal async Task EnterGateAsync(PracticeBot bot, CancellationToken ct)
    {
        await bot.Gate.WaitAsync(ct);
        if (!bot.Crashed) return;
        bot.Gate.Release();
        throw new PracticeCrashedException();
    }

    /// <summary>
    /// Test hook, the process is killed: everything not yet committed to practice.db is lost, waiting requests get no
    /// answer, and the next call loads its bot from practice.db as a restarted emulator would.
    /// </summary>
    internal async Task SimulateCrashAsync()
    {
        var loaded = LoadedBots().ToList();
        // No change is half made in memory: gated work never waits for the disk, so these are short waits.
        foreach (var bot in loaded) await bot.Gate.WaitAsync();
        try
        {
            await store.CrashAsync();
            bots.Clear();
            foreach (var bot in loaded)
            {
                bot.Crashed = true;
                foreach (var pending in bot.PreCheckouts.Values) pending.Answer.TrySetCanceled();
                bot.SignalUpdates();
            }
        }
        finally
        {
            foreach (var bot in loaded) bot.Gate.Release();
        }
    }

    // ---- updates ----

    /// <summary>Queues an update (caller holds the gate) and wakes long polls and the webhook.</summary>
    internal int EnqueueUpdate(PracticeBot bot, string type, JsonNode payload)
    {
        var id = bot.Row.NextUpdateId++;
        var json = new JsonObject { ["update_id"] = id, [type] = payload.DeepClone() }.ToJsonString();
        var row = new PracticeUpdateRow { Seq = store.NextSeq(), BotId = bot.BotId, UpdateId = id, Type = type, Json = json, CreatedAt = clock.GetUtcNow() };
        store.Insert(row);
        store.Update(bot.Row);
        bot.Pending.Add(row);
        SignalUpdates(bot);
        return id;
    }

    /// <summary>Queues raw JSON exactly as given (control API): duplicated ids and malformed updates included.</summary>
    internal int EnqueueRawUpdate(PracticeBot bot, string rawJson)
    {
        JsonNode? parsed = null;
        try { parsed = JsonNode.Parse(rawJson); } catch (JsonException) { /* garbage stays garbage */ }
        int id;
        if (parsed is JsonObject o && o["update_id"] is JsonValue v && v.TryGetValue<int>(out var given))
        {
            id = given;
            if (id >= bot.Row.NextUpdateId) bot.Row.NextUpdateId = id + 1;
        }
        else
        {
            id = bot.Row.NextUpdateId++;
            if (parsed is JsonObject withoutId) { withoutId["update_id"] = id; rawJson = withoutId.ToJsonString(); }
        }
        var row = new PracticeUpdateRow { Seq = store.NextSeq(), BotId = bot.BotId, UpdateId = id, Type = TelegramJson.UpdateType(parsed), Json = rawJson, CreatedAt = clock.GetUtcNow() };
        store.Insert(row);
        store.Update(bot.Row);
        bot.Pending.Add(row);
        SignalUpdates(bot);
        return id;
    }

    private void SignalUpdates(PracticeBot bot)
    {
        bot.SignalUpdates();
        UpdatesQueued?.Invoke(bot.BotId);
    }

    /// <summary>Drops updates below the offset (Telegram's confirmation), and the expired ones.</summary>
    internal void Confirm(PracticeBot bot, long offset)
    {
        var cutoff = clock.GetUtcNow().AddHours(-24);
        List<PracticeUpdateRow> drop;
        if (offset < 0)
        {
            var keep = (int)Math.Min(-offset, bot.Pending.Count);
            drop = [.. bot.Pending.Take(bot.Pending.Count - keep)];
        }
        else
        {
            drop = [.. bot.Pending.Where(u => u.UpdateId < offset || u.CreatedAt < cutoff)];
        }
        if (drop.Count == 0) return;
        var seqs = drop.Select(u => u.Seq).ToHashSet();
        bot.Pending.RemoveAll(u => seqs.Contains(u.Seq));
        store.Delete(drop);
    }

    // ---- messages ----

    internal PracticeMessageRow AddMessage(PracticeBot bot, PracticeBuyerRow chat, PracticeMessageKind kind, JsonObject message, string? invoicePayload = null)
    {
        var id = (int)message["message_id"]!;
        var row = new PracticeMessageRow
        {
            BotId = bot.BotId, MessageId = id, ChatId = chat.UserId, Kind = kind, Json = message.ToJsonString(),
            InvoicePayload = invoicePayload, Date = clock.GetUtcNow(),
        };
        bot.AddMessage(row);
        store.Insert(row);
        store.Update(bot.Row);
        RaiseChanged(bot.BotId, chat.UserId);
        return row;
    }

    internal JsonObject NewMessage(PracticeBot bot, PracticeBuyerRow chat, JsonObject from) =>
        TelegramJson.Message(bot.Row.NextMessageId++, clock.GetUtcNow(), chat, from);

    /// <summary>A line only the buyer sees (Telegram's payment sheet errors, callback toasts): never sent to the bot.</summary>
    internal void AddNotice(PracticeBot bot, PracticeBuyerRow chat, string text)
    {
        var message = NewMessage(bot, chat, TelegramJson.BotUser(bot.Row));
        message["text"] = text;
        AddMessage(bot, chat, PracticeMessageKind.Notice, message);
    }

    /// <summary>Queues changed rows for the group commit (caller holds the gate; <see cref="UnderGateAsync"/> awaits it).</summary>
    internal void SaveRows(params object[] rows) => store.Update(rows);

    internal void SaveNew(params object[] rows) => store.Insert(rows);

    internal static string NewId(string prefix, int bytes) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
}

/// <summary>Fault injection and webhook delivery helpers.</summary>
public sealed partial class PracticeEmulator
{
    /// <summary>Consumes one armed fault for this method, if any.</summary>
    internal async Task<PracticeFault?> TakeFaultAsync(PracticeBot bot, string method, CancellationToken ct)
    {
        // Faults live in memory only and the answer shows no stored state: nothing to wait for.
        await EnterGateAsync(bot, ct);
        try
        {
            var fault = bot.Faults.FirstOrDefault(f => f.Method == "*" || f.Method.Equals(method, StringComparison.OrdinalIgnoreCase));
            if (fault is not null && --fault.Remaining <= 0) bot.Faults.Remove(fault);
            return fault ?? bot.Stats.RandomFault(method);
        }
        finally { bot.Gate.Release(); }
    }

    /// <summary>
    /// The oldest update the webhook may get now, marked as on its way, with where to send it; null while there is
    /// nothing to send, max_connections are busy, or every waiting update's chat already has one on its way (a
    /// chat's updates go one at a time, in order; different chats' go at once).
    /// </summary>
    internal (PracticeUpdateRow Update, string Url, string? Secret, int Copies)? NextWebhookDelivery(PracticeBot bot)
    {
        if (bot.Row.WebhookUrl is not { } url || bot.WebhookInFlight.Count >= bot.WebhookMaxConnections) return null;
        var allowed = AllowedTypes(bot);
        var cutoff = clock.GetUtcNow().AddHours(-24);
        var busyChats = bot.WebhookInFlight.Select(u => u.ChatKey).ToHashSet();
        PracticeUpdateRow? next = null;
        foreach (var u in bot.Pending.OrderBy(u => u.UpdateId).ThenBy(u => u.Seq))
        {
            if (u.CreatedAt < cutoff || (u.Type is not null && !allowed(u.Type)) || bot.WebhookInFlight.Contains(u)) continue;
            // An earlier update of this chat is on its way: this one waits its turn (later chats may still go).
            if (!busyChats.Add(u.ChatKey)) continue;
            next = u;
            break;
        }
        if (next is null) return null;
        bot.WebhookInFlight.Add(next);
        return (next, url, bot.Row.WebhookSecret, bot.DeliveryCopies);
    }

    internal void MarkWebhookDelivered(PracticeBot bot, PracticeUpdateRow update)
    {
        bot.LastWebhookError = null;
        bot.WebhookInFlight.Remove(update);
        // Dropped meanwhile (setWebhook with drop_pending_updates): its delete is queued already.
        if (bot.Pending.Remove(update)) store.Delete([update]);
    }

    /// <summary>The webhook did not take it: it waits for the next try, first in its chat's line again.</summary>
    internal void ReleaseWebhookDelivery(PracticeBot bot, PracticeUpdateRow update, string problem)
    {
        bot.WebhookInFlight.Remove(update);
        bot.LastWebhookError = (clock.GetUtcNow(), problem);
    }

    internal IEnumerable<PracticeBot> LoadedBots() =>
        bots.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result);

    internal async Task<PracticeBot?> LoadedBotAsync(long botId) =>
        bots.TryGetValue(botId, out var lazy) ? await lazy.Value : null;
}
