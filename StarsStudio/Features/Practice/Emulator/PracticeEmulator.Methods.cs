using System.Text;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>The Bot API methods (messages, files, chats, commands, webhook); payments are in PracticeEmulator.Payments.cs.</summary>
public sealed partial class PracticeEmulator
{
    private static readonly HashSet<string> DefaultUpdateTypesExcluded = ["chat_member", "message_reaction", "message_reaction_count"];

    /// <summary>Runs one Bot API method; returns the "result" as JSON text or throws <see cref="BotApiException"/>.</summary>
    internal async Task<string> CallAsync(PracticeBot bot, string method, BotApiRequest r, CancellationToken ct)
    {
        if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase)) return await GetUpdatesAsync(bot, r, ct);
        JsonNode? result = await UnderGateAsync(bot, () => Task.FromResult<JsonNode?>(method.ToLowerInvariant() switch
        {
            "getme" => GetMe(bot),
            "sendmessage" => SendMessage(bot, r),
            "editmessagetext" => EditMessage(bot, r, editText: true),
            "editmessagereplymarkup" => EditMessage(bot, r, editText: false),
            "deletemessage" => DeleteMessage(bot, r),
            "answercallbackquery" => AnswerCallbackQuery(bot, r),
            "senddocument" => SendFile(bot, r, "document"),
            "sendphoto" => SendFile(bot, r, "photo"),
            "getfile" => GetFile(bot, r),
            "sendinvoice" => SendInvoice(bot, r),
            "createinvoicelink" => CreateInvoiceLink(bot, r),
            "answerprecheckoutquery" => AnswerPreCheckoutQuery(bot, r),
            "refundstarpayment" => RefundStarPayment(bot, r),
            "getstartransactions" => GetStarTransactions(bot, r),
            "getmystarbalance" => GetMyStarBalance(bot),
            "setmycommands" => SetMyCommands(bot, r),
            "getmycommands" => bot.Row.CommandsJson is { } commands ? JsonNode.Parse(commands) : new JsonArray(),
            "deletemycommands" => DeleteMyCommands(bot),
            "getchat" => GetChat(bot, r),
            "getchatmember" => GetChatMember(bot, r),
            "sendchataction" => SendChatAction(bot, r),
            "setwebhook" => SetWebhook(bot, r),
            "deletewebhook" => DeleteWebhook(bot, r),
            "getwebhookinfo" => GetWebhookInfo(bot),
            _ => throw PracticeErrors.NotFound(),
        }), ct);
        return result?.ToJsonString() ?? "null";
    }

    public static bool IsKnownMethod(string method) => KnownMethods.Contains(method);

    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "getMe", "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery",
        "sendDocument", "sendPhoto", "getFile", "sendInvoice", "createInvoiceLink", "answerPreCheckoutQuery", "refundStarPayment",
        "getStarTransactions", "getMyStarBalance", "setMyCommands", "getMyCommands", "deleteMyCommands", "getChat", "getChatMember",
        "sendChatAction", "setWebhook", "deleteWebhook", "getWebhookInfo",
    };

    private static JsonObject GetMe(PracticeBot bot)
    {
        var me = TelegramJson.BotUser(bot.Row);
        me["can_join_groups"] = false;
        me["can_read_all_group_messages"] = false;
        me["supports_inline_queries"] = false;
        return me;
    }

    // ---- getUpdates: long poll, offset confirmation, allowed_updates ----

    private async Task<string> GetUpdatesAsync(PracticeBot bot, BotApiRequest r, CancellationToken ct)
    {
        var limit = Math.Clamp(r.Int("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(r.Int("timeout") ?? 0, 0, 50));
        var offset = r.Long("offset");
        var allowed = r.Json("allowed_updates") as JsonArray;

        // The confirmation is only queued here; the answer below waits for its commit (and for that of every update
        // it hands out), so "confirmed" is never said before it is durable — and many polls share one commit.
        TaskCompletionSource superseded;
        await EnterGateAsync(bot, ct);
        try
        {
            if (bot.Row.WebhookUrl is not null) throw PracticeErrors.WebhookConflict();
            // Before confirming: the earlier poller must not hand out what this one is about to confirm.
            superseded = bot.BeginPoll();
            try
            {
                if (allowed is not null)
                {
                    bot.Row.AllowedUpdatesJson = allowed.Count == 0 ? null : allowed.ToJsonString();
                    SaveRows(bot.Row);
                }
                if (offset is { } o && o != 0) Confirm(bot, o);
            }
            catch
            {
                bot.EndPoll(superseded);
                throw;
            }
        }
        finally { bot.Gate.Release(); }

        try
        {
            var deadline = clock.GetUtcNow() + timeout;
            while (true)
            {
                // Take the wake-up task before looking, so an update queued in between is never missed.
                var arrived = bot.UpdatesArrived;
                var batch = await UnderGateAsync(bot, () => Task.FromResult(superseded.Task.IsCompleted ? null : TakeDeliverable(bot, limit)), ct);
                if (batch is null) throw PracticeErrors.TerminatedByOtherGetUpdates();
                var remaining = deadline - clock.GetUtcNow();
                if (batch.Count > 0 || remaining <= TimeSpan.Zero) return "[" + string.Join(",", batch) + "]";
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
                await Task.WhenAny(arrived, superseded.Task, Task.Delay(remaining, clock, wait.Token));
                wait.Cancel();
                ct.ThrowIfCancellationRequested();
                if (lifetime.ApplicationStopping.IsCancellationRequested) return "[]";
            }
        }
        finally
        {
            bot.EndPoll(superseded);
        }
    }

    /// <summary>The next updates the bot asked for (each repeated when a duplicate-delivery drill is on).</summary>
    internal List<string> TakeDeliverable(PracticeBot bot, int limit)
    {
        var allowed = AllowedTypes(bot);
        var cutoff = clock.GetUtcNow().AddHours(-24);
        var batch = new List<string>();
        foreach (var update in bot.Pending.OrderBy(u => u.UpdateId).ThenBy(u => u.Seq))
        {
            if (update.CreatedAt < cutoff) continue;
            if (update.Type is not null && !allowed(update.Type)) continue;
            for (var copy = 0; copy < bot.DeliveryCopies; copy++) batch.Add(update.Json);
            if (batch.Count >= limit) break;
        }
        return batch;
    }

    internal static Func<string, bool> AllowedTypes(PracticeBot bot)
    {
        if (bot.Row.AllowedUpdatesJson is not { } json) return type => !DefaultUpdateTypesExcluded.Contains(type);
        var set = (JsonNode.Parse(json) as JsonArray)?.Select(n => n?.ToString() ?? "").ToHashSet() ?? [];
        return set.Contains;
    }

    // ---- messages ----

    internal PracticeBuyerRow RequireChat(PracticeBot bot, BotApiRequest r, string parameter = "chat_id")
    {
        var raw = r.String(parameter);
        if (string.IsNullOrEmpty(raw)) throw PracticeErrors.MissingParameter(parameter);
        if (raw.StartsWith('@'))
            return bot.Buyers.Values.FirstOrDefault(b => string.Equals(b.Username, raw[1..], StringComparison.OrdinalIgnoreCase))
                   ?? throw PracticeErrors.ChatNotFound();
        if (!long.TryParse(raw, out var chatId)) throw PracticeErrors.ChatNotFound();
        return bot.Buyers.GetValueOrDefault(chatId) ?? throw PracticeErrors.ChatNotFound();
    }

    private static void RequireNotBlocked(PracticeBuyerRow buyer)
    {
        if (buyer.Blocked) throw PracticeErrors.Blocked();
    }

    /// <summary>Flood control for one outgoing message; a paid-broadcast message above the free rate costs 0.1 Star.</summary>
    internal void AcquireSendPermit(PracticeBot bot, long chatId, bool allowPaidBroadcast)
    {
        if (!(bot.Row.RateLimitsEnabled ?? Options.RateLimits.Enabled)) return;
        var permit = bot.Limiter.TryAcquire(chatId, allowPaidBroadcast, CanPayOneMessage(bot), clock.GetUtcNow());
        if (!permit.Allowed)
        {
            bot.Counters.Refused();
            throw PracticeErrors.TooManyRequests(permit.RetryAfterSeconds);
        }
        if (permit.Paid)
        {
            bot.Row.StarBalanceTenths -= 1;
            bot.PaidMessagePending = true;
            ChargePaidMessage(bot);
        }
    }

    private void CountSent(PracticeBot bot, long chatId)
    {
        var now = clock.GetUtcNow();
        bot.Counters.Sent(chatId, bot.PaidMessagePending, now);
        bot.Stats.Sent(now);
        bot.PaidMessagePending = false;
    }

    private static string ParseText(string? text, string? parseMode, string emptyError, int maxLength, string tooLongError)
    {
        text ??= "";
        var plain = string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase) ? TelegramHtml.ToPlainText(text) : text;
        if (plain.Trim().Length == 0 && emptyError.Length > 0) throw BotApiException.BadRequest(emptyError);
        if (plain.Length > maxLength) throw BotApiException.BadRequest(tooLongError);
        return plain;
    }

    /// <summary>Checks an inline keyboard the way Telegram does; other keyboards are accepted but not shown in the message.</summary>
    internal static JsonObject? InlineKeyboard(BotApiRequest r)
    {
        if (r.Json("reply_markup") is not JsonObject markup) return null;
        if (markup["inline_keyboard"] is not JsonArray rows) return null;
        foreach (var row in rows)
        {
            if (row is not JsonArray buttons) throw BotApiException.BadRequest("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays");
            foreach (var button in buttons)
            {
                if (button is not JsonObject b || b["text"]?.ToString() is not { Length: > 0 })
                    throw BotApiException.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                if (b["callback_data"] is { } data && Encoding.UTF8.GetByteCount(data.ToString()) is < 1 or > 64)
                    throw BotApiException.BadRequest("BUTTON_DATA_INVALID");
            }
        }
        return new JsonObject { ["inline_keyboard"] = rows.DeepClone() };
    }

    private JsonNode SendMessage(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChat(bot, r);
        var text = ParseText(r.String("text"), r.String("parse_mode"), "message text is empty", 4096, "message is too long");
        var markup = InlineKeyboard(r);
        RequireNotBlocked(buyer);
        AcquireSendPermit(bot, buyer.UserId, r.Bool("allow_paid_broadcast"));
        var message = NewMessage(bot, buyer, TelegramJson.BotUser(bot.Row));
        message["text"] = text;
        if (markup is not null) message["reply_markup"] = markup;
        AddMessage(bot, buyer, PracticeMessageKind.FromBot, message);
        CountSent(bot, buyer.UserId);
        return message;
    }

    private PracticeMessageRow RequireBotMessage(PracticeBot bot, BotApiRequest r, string notFound)
    {
        var buyer = RequireChat(bot, r);
        var id = r.Long("message_id") ?? throw PracticeErrors.MissingParameter("message_id");
        return bot.Messages.TryGetValue((int)id, out var row) && row.ChatId == buyer.UserId && !row.Deleted && row.Kind == PracticeMessageKind.FromBot
            ? row : throw BotApiException.BadRequest(notFound);
    }

    private JsonNode EditMessage(PracticeBot bot, BotApiRequest r, bool editText)
    {
        var row = RequireBotMessage(bot, r, "message to edit not found");
        var message = JsonNode.Parse(row.Json)!.AsObject();
        var markup = InlineKeyboard(r);
        var before = Comparable(message);
        if (editText)
        {
            if (message["text"] is null) throw BotApiException.BadRequest("there is no text in the message to edit");
            message["text"] = ParseText(r.String("text"), r.String("parse_mode"), "message text is empty", 4096, "MESSAGE_TOO_LONG");
        }
        // As on Telegram, an edit without reply_markup removes the keyboard.
        if (markup is null) message.Remove("reply_markup"); else message["reply_markup"] = markup;
        if (Comparable(message) == before)
            throw BotApiException.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        message["edit_date"] = TelegramJson.Unix(clock.GetUtcNow());
        row.Json = message.ToJsonString();
        SaveRows(row);
        RaiseChanged(bot.BotId, row.ChatId);
        return message;
    }

    private static string Comparable(JsonObject message)
    {
        var copy = message.DeepClone().AsObject();
        copy.Remove("edit_date");
        return copy.ToJsonString();
    }

    private JsonNode DeleteMessage(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChat(bot, r);
        var id = r.Long("message_id") ?? throw PracticeErrors.MissingParameter("message_id");
        if (!bot.Messages.TryGetValue((int)id, out var row) || row.ChatId != buyer.UserId || row.Deleted || row.Kind == PracticeMessageKind.Notice)
            throw BotApiException.BadRequest("message to delete not found");
        row.Deleted = true;
        SaveRows(row);
        RaiseChanged(bot.BotId, row.ChatId);
        return true;
    }

    private JsonNode AnswerCallbackQuery(PracticeBot bot, BotApiRequest r)
    {
        var id = r.String("callback_query_id") ?? "";
        if (!bot.OpenCallbackQueries.Remove(id))
            throw PracticeErrors.QueryIdInvalid();
        var text = r.String("text");
        if (text is { Length: > 200 }) throw BotApiException.BadRequest("MESSAGE_TOO_LONG");
        if (text is { Length: > 0 } && bot.CallbackQueryChats.TryGetValue(id, out var chatId) && bot.Buyers.TryGetValue(chatId, out var buyer))
            AddNotice(bot, buyer, (r.Bool("show_alert") ? "⚠️ " : "🔔 ") + text);
        bot.CallbackQueryChats.Remove(id);
        return true;
    }

    // ---- files ----

    private JsonNode SendFile(PracticeBot bot, BotApiRequest r, string kind)
    {
        var buyer = RequireChat(bot, r);
        var caption = ParseText(r.String("caption"), r.String("parse_mode"), "", 1024, "message caption is too long");
        var markup = InlineKeyboard(r);
        var file = ResolveUpload(bot, r, kind);
        RequireNotBlocked(buyer);
        AcquireSendPermit(bot, buyer.UserId, r.Bool("allow_paid_broadcast"));
        if (!bot.Files.ContainsKey(file.FileId))
        {
            bot.Files[file.FileId] = file;
            SaveNew(file);
        }
        var message = NewMessage(bot, buyer, TelegramJson.BotUser(bot.Row));
        if (kind == "photo")
            message["photo"] = new JsonArray(new JsonObject
            {
                ["file_id"] = file.FileId, ["file_unique_id"] = file.FileUniqueId, ["width"] = 0, ["height"] = 0, ["file_size"] = file.Size,
            });
        else
            message["document"] = new JsonObject
            {
                ["file_id"] = file.FileId, ["file_unique_id"] = file.FileUniqueId, ["file_name"] = file.FileName,
                ["mime_type"] = file.MimeType, ["file_size"] = file.Size,
            };
        if (caption.Length > 0) message["caption"] = caption;
        if (markup is not null) message["reply_markup"] = markup;
        AddMessage(bot, buyer, PracticeMessageKind.FromBot, message);
        CountSent(bot, buyer.UserId);
        return message;
    }

    /// <summary>A new multipart upload (field named like the parameter, or attach://name), or a known file_id.</summary>
    private static PracticeFileRow ResolveUpload(PracticeBot bot, BotApiRequest r, string kind)
    {
        var reference = r.String(kind);
        var partName = reference is { } a && a.StartsWith("attach://") ? a["attach://".Length..] : kind;
        if (r.Files.TryGetValue(partName, out var upload))
        {
            if (upload.Content.Length == 0) throw BotApiException.BadRequest("file must be non-empty");
            var ext = Path.GetExtension(upload.FileName) is { Length: > 0 and < 10 } e ? e : kind == "photo" ? ".jpg" : ".bin";
            var folder = kind == "photo" ? "photos" : "documents";
            return new PracticeFileRow
            {
                FileId = NewId(kind == "photo" ? "AgAC" : "BQAC", 30), FileUniqueId = NewId("AQAD", 9), BotId = bot.BotId,
                FilePath = $"{folder}/file_{bot.Files.Count}{ext}", FileName = kind == "photo" ? null : upload.FileName,
                MimeType = upload.ContentType ?? "application/octet-stream", Size = upload.Content.Length, Content = upload.Content,
            };
        }
        if (string.IsNullOrEmpty(reference)) throw BotApiException.BadRequest($"there is no {kind} in the request");
        return bot.Files.GetValueOrDefault(reference)
               ?? throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
    }

    private static JsonNode GetFile(PracticeBot bot, BotApiRequest r)
    {
        var file = bot.Files.GetValueOrDefault(r.String("file_id") ?? "") ?? throw BotApiException.BadRequest("invalid file_id");
        return new JsonObject { ["file_id"] = file.FileId, ["file_unique_id"] = file.FileUniqueId, ["file_size"] = file.Size, ["file_path"] = file.FilePath };
    }

    internal static PracticeFileRow? FindFileByPath(PracticeBot bot, string path) => bot.Files.Values.FirstOrDefault(f => f.FilePath == path);

    // ---- chats and commands ----

    private static JsonNode GetChat(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChatStatic(bot, r);
        var chat = TelegramJson.Chat(buyer);
        chat["accent_color_id"] = 0;
        chat["max_reaction_count"] = 11;
        return chat;
    }

    private static PracticeBuyerRow RequireChatStatic(PracticeBot bot, BotApiRequest r) =>
        long.TryParse(r.String("chat_id"), out var id) && bot.Buyers.TryGetValue(id, out var buyer) ? buyer : throw PracticeErrors.ChatNotFound();

    private static JsonNode GetChatMember(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChatStatic(bot, r);
        var userId = r.Long("user_id") ?? throw PracticeErrors.MissingParameter("user_id");
        if (userId == bot.BotId)
            return buyer.Blocked
                ? new JsonObject { ["status"] = "kicked", ["user"] = TelegramJson.BotUser(bot.Row), ["until_date"] = 0 }
                : new JsonObject { ["status"] = "member", ["user"] = TelegramJson.BotUser(bot.Row) };
        if (userId != buyer.UserId) throw BotApiException.BadRequest("user not found");
        return new JsonObject { ["status"] = "member", ["user"] = TelegramJson.User(buyer) };
    }

    private static JsonNode SendChatAction(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChatStatic(bot, r);
        if (string.IsNullOrEmpty(r.String("action"))) throw PracticeErrors.MissingParameter("action");
        RequireNotBlocked(buyer);
        return true;
    }

    private JsonNode SetMyCommands(PracticeBot bot, BotApiRequest r)
    {
        if (r.Json("commands") is not JsonArray commands) throw BotApiException.BadRequest("can't parse commands JSON object");
        if (commands.Count > 100) throw BotApiException.BadRequest("BOT_COMMANDS_TOO_MUCH");
        foreach (var command in commands)
        {
            var name = command?["command"]?.ToString() ?? "";
            var description = command?["description"]?.ToString() ?? "";
            if (name.Length is < 1 or > 32 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
                throw BotApiException.BadRequest("BOT_COMMAND_INVALID");
            if (description.Length is < 1 or > 256) throw BotApiException.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
        }
        bot.Row.CommandsJson = commands.ToJsonString();
        SaveRows(bot.Row);
        return true;
    }

    private JsonNode DeleteMyCommands(PracticeBot bot)
    {
        bot.Row.CommandsJson = null;
        SaveRows(bot.Row);
        return true;
    }

    // ---- webhook ----

    private JsonNode SetWebhook(PracticeBot bot, BotApiRequest r)
    {
        var url = r.String("url") ?? "";
        var secret = r.String("secret_token");
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw BotApiException.BadRequest("bad webhook: Failed to resolve host: Name or service not known");
        if (secret is { Length: > 0 } && (secret.Length > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            throw BotApiException.BadRequest("secret token contains unallowed characters");
        if (r.Json("allowed_updates") is JsonArray allowed) bot.Row.AllowedUpdatesJson = allowed.Count == 0 ? null : allowed.ToJsonString();
        if (r.Int("max_connections") is { } connections)
            bot.WebhookMaxConnections = connections is >= 1 and <= 100 ? connections : throw BotApiException.BadRequest("bad webhook: max_connections must be between 1 and 100");
        bot.Row.WebhookUrl = url.Length == 0 ? null : url;
        bot.Row.WebhookSecret = secret is { Length: > 0 } ? secret : null;
        bot.LastWebhookError = null;
        if (r.Bool("drop_pending_updates")) DropPending(bot);
        SaveRows(bot.Row);
        SignalUpdates(bot);
        return true;
    }

    private JsonNode DeleteWebhook(PracticeBot bot, BotApiRequest r)
    {
        bot.Row.WebhookUrl = null;
        bot.Row.WebhookSecret = null;
        if (r.Bool("drop_pending_updates")) DropPending(bot);
        SaveRows(bot.Row);
        return true;
    }

    private void DropPending(PracticeBot bot)
    {
        var drop = bot.Pending.ToList();
        bot.Pending.Clear();
        if (drop.Count > 0) store.Delete(drop);
    }

    private static JsonNode GetWebhookInfo(PracticeBot bot)
    {
        var info = new JsonObject
        {
            ["url"] = bot.Row.WebhookUrl ?? "",
            ["has_custom_certificate"] = false,
            ["pending_update_count"] = bot.Pending.Count,
            ["max_connections"] = bot.WebhookMaxConnections,
        };
        if (bot.LastWebhookError is { } error)
        {
            info["last_error_date"] = TelegramJson.Unix(error.At);
            info["last_error_message"] = error.Message;
        }
        if (bot.Row.AllowedUpdatesJson is { } allowed) info["allowed_updates"] = JsonNode.Parse(allowed);
        return info;
    }
}

