using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// Drives the emulator from outside Telegram: virtual buyers (text, buttons, deep links, Pay, top-up, block),
/// raw update and fault injection, and the bot's balance, transactions and counters. Used by the Practice page,
/// tests and the rehearsal benchmark (in process, or over HTTP at /practice/control).
/// </summary>
public sealed class PracticeControl(PracticeEmulator emulator)
{
    /// <summary>A chat changed; subscribers refresh (pages through InvokeAsync) and must unsubscribe.</summary>
    public event Action<PracticeChange>? Changed
    {
        add => emulator.Changed += value;
        remove => emulator.Changed -= value;
    }

    /// <summary>
    /// Creates (or finds) the practice bot of a token, as BotFather creates a bot: the emulator answers only tokens
    /// registered here (or stored in practice.db); any other token gets 401 Unauthorized.
    /// </summary>
    public async Task<PracticeBotSummary> EnsureBotAsync(string token, CancellationToken ct = default)
    {
        if (!PracticeEmulator.TryParseToken(token, out var botId)) throw new PracticeControlException("That is not a bot token (digits, a colon, then letters, digits, '_' or '-').");
        var bot = await emulator.RegisterBotAsync(token, ct);
        // The id is taken by another token: say so without echoing either secret.
        if (bot.Row.Token != token) throw new PracticeControlException($"Practice bot {botId} already exists with a different token.");
        return await Gate(bot, () => Summary(bot), ct);
    }

    public async Task<PracticeBotSummary> GetBotAsync(long botId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () => Summary(bot), ct);
    }

    public async Task<PracticeBuyer> CreateBuyerAsync(long botId, string firstName, string? username = null, string? languageCode = "en", long stars = 0, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(firstName) || firstName.Length > 64) throw new PracticeControlException("A buyer needs a name of 1 to 64 characters.");
        username = username?.Trim().TrimStart('@');
        if (username is { Length: > 0 } && (username.Length is < 5 or > 32 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
            throw new PracticeControlException("A Telegram username has 5 to 32 letters, digits or underscores.");
        if (stars < 0) throw new PracticeControlException("A Star balance cannot be negative.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () =>
        {
            if (username is { Length: > 0 } && bot.Buyers.Values.Any(b => string.Equals(b.Username, username, StringComparison.OrdinalIgnoreCase)))
                throw new PracticeControlException($"A buyer with @{username} already exists.");
            long userId;
            do userId = Random.Shared.NextInt64(1_000_000_000, 7_999_999_999); while (bot.Buyers.ContainsKey(userId) || userId == botId);
            var row = new PracticeBuyerRow
            {
                BotId = botId, UserId = userId, FirstName = firstName.Trim(), Username = username is { Length: > 0 } ? username : null,
                LanguageCode = string.IsNullOrWhiteSpace(languageCode) ? null : languageCode.Trim(), Stars = stars, CreatedAt = emulator.Clock.GetUtcNow(),
            };
            bot.Buyers[userId] = row;
            emulator.SaveNew(row);
            emulator.RaiseChanged(botId, userId);
            return PracticeBuyer.From(row);
        }, ct);
    }

    public async Task<IReadOnlyList<PracticeBuyer>> ListBuyersAsync(long botId, CancellationToken ct = default)
    {
        var bot = await emulator.FindBotAsync(botId, ct);
        if (bot is null) return [];
        return await Gate(bot, () => (IReadOnlyList<PracticeBuyer>)[.. bot.Buyers.Values.OrderBy(b => b.CreatedAt).Select(PracticeBuyer.From)], ct);
    }

    public async Task<PracticeBuyer> GetBuyerAsync(long botId, long userId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () => PracticeBuyer.From(PracticeEmulator.RequireBuyer(bot, userId)), ct);
    }

    /// <summary>The buyer sends a text (commands included); returns the message id. A blocked bot is unblocked first, as Telegram does.</summary>
    public async Task<int> SendTextAsync(long botId, long userId, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new PracticeControlException("Type a message first.");
        if (text.Length > 4096) throw new PracticeControlException("A Telegram message has at most 4096 characters.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () =>
        {
            var buyer = PracticeEmulator.RequireBuyer(bot, userId);
            if (buyer.Blocked) SetBlockedUnderGate(bot, buyer, false);
            var message = emulator.NewMessage(bot, buyer, TelegramJson.User(buyer));
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                var length = text.IndexOfAny([' ', '\n']) is var space and > 0 ? space : text.Length;
                message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = length, ["type"] = "bot_command" });
            }
            emulator.AddMessage(bot, buyer, PracticeMessageKind.FromBuyer, message);
            emulator.EnqueueUpdate(bot, "message", message);
            return (int)message["message_id"]!;
        }, ct);
    }

    /// <summary>Opens a deep link t.me/bot?start=parameter: Telegram sends "/start parameter".</summary>
    public Task<int> StartAsync(long botId, long userId, string? parameter = null, CancellationToken ct = default) =>
        SendTextAsync(botId, userId, string.IsNullOrEmpty(parameter) ? "/start" : $"/start {parameter}", ct);

    /// <summary>Taps an inline button (by callback_data, or by its text); returns the callback query id.</summary>
    public async Task<string> TapButtonAsync(long botId, long userId, int messageId, string callbackDataOrText, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () =>
        {
            var buyer = PracticeEmulator.RequireBuyer(bot, userId);
            if (!bot.Messages.TryGetValue(messageId, out var row) || row.ChatId != userId || row.Deleted)
                throw new PracticeControlException($"Message {messageId} is not in this buyer's chat.");
            var message = JsonNode.Parse(row.Json)!.AsObject();
            var button = (message["reply_markup"]?["inline_keyboard"] as JsonArray ?? []).SelectMany(r => r as JsonArray ?? [])
                .FirstOrDefault(b => b?["callback_data"]?.ToString() == callbackDataOrText)
                ?? (message["reply_markup"]?["inline_keyboard"] as JsonArray ?? []).SelectMany(r => r as JsonArray ?? [])
                    .FirstOrDefault(b => b?["text"]?.ToString() == callbackDataOrText && b?["callback_data"] is not null)
                ?? throw new PracticeControlException("That message has no button with this callback data.");
            var queryId = Random.Shared.NextInt64(1_000_000_000_000_000, long.MaxValue).ToString();
            bot.OpenCallbackQueries.Add(queryId);
            bot.CallbackQueryChats[queryId] = userId;
            emulator.EnqueueUpdate(bot, "callback_query", new JsonObject
            {
                ["id"] = queryId, ["from"] = TelegramJson.User(buyer), ["message"] = message,
                ["chat_instance"] = (-(botId ^ userId)).ToString(), ["data"] = button["callback_data"]!.ToString(),
            });
            return queryId;
        }, ct);
    }

    /// <summary>
    /// Pays an invoice in the buyer's chat: the given message, or the latest invoice. As on Telegram an invoice can be
    /// paid again once a payment has completed (each payment has its own charge id and transaction); only a second
    /// tap while its payment sheet is still open is refused.
    /// </summary>
    public async Task<PaymentOutcome> PayAsync(long botId, long userId, int? messageId = null, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await emulator.PayAsync(bot, userId, b => InvoiceIn(b, userId, messageId), ct);
    }

    /// <summary>
    /// The buyer pays an invoice another buyer (<paramref name="fromChatId"/>) forwarded to them, as Telegram allows:
    /// the payload and amount are the original invoice's, but the payer — pre_checkout_query's from, the charge, the
    /// transaction and the successful_payment message in the payer's own chat — is this buyer.
    /// </summary>
    public async Task<PaymentOutcome> PayForwardedAsync(long botId, long userId, long fromChatId, int messageId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await emulator.PayAsync(bot, userId, b =>
        {
            PracticeEmulator.RequireBuyer(b, fromChatId);
            return InvoiceIn(b, fromChatId, messageId);
        }, ct);
    }

    /// <summary>The invoice message <paramref name="messageId"/> (or the latest invoice) in a chat, as something to pay.</summary>
    private static InvoiceSpec InvoiceIn(PracticeBot bot, long chatId, int? messageId)
    {
        var invoice = bot.Chat(chatId).LastOrDefault(m => !m.Deleted && m.InvoicePayload is not null && (messageId is null || m.MessageId == messageId))
                      ?? throw new PracticeControlException(messageId is null ? "This chat has no invoice to pay." : $"Message {messageId} is not an invoice in this chat.");
        var json = JsonNode.Parse(invoice.Json)!["invoice"]!;
        return new InvoiceSpec(json["title"]!.ToString(), json["description"]!.ToString(), invoice.InvoicePayload!, (long)json["total_amount"]!, null, invoice.MessageId);
    }

    /// <summary>Pays an invoice link made by createInvoiceLink (https://t.me/$slug).</summary>
    public async Task<PaymentOutcome> PayInvoiceLinkAsync(long botId, long userId, string link, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        var slug = link[(link.LastIndexOf('$') + 1)..];
        return await emulator.PayAsync(bot, userId, b => b.InvoiceLinks.TryGetValue(slug, out var l)
            ? new InvoiceSpec(l.Title, l.Description, l.Payload, l.Amount, null)
            : throw new PracticeControlException("This bot made no such invoice link."), ct);
    }

    /// <summary>Buys Stars for the buyer (Telegram's "Buy Stars" in the payment sheet).</summary>
    public async Task<PracticeBuyer> TopUpAsync(long botId, long userId, long stars, CancellationToken ct = default)
    {
        if (stars is < 1 or > 1_000_000) throw new PracticeControlException("Top up between 1 and 1,000,000 Stars.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () =>
        {
            var buyer = PracticeEmulator.RequireBuyer(bot, userId);
            buyer.Stars += stars;
            emulator.SaveRows(buyer);
            emulator.RaiseChanged(botId, userId);
            return PracticeBuyer.From(buyer);
        }, ct);
    }

    /// <summary>Blocks or unblocks the bot; the bot gets my_chat_member (kicked / member).</summary>
    public async Task SetBlockedAsync(long botId, long userId, bool blocked, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        await Gate(bot, () =>
        {
            var buyer = PracticeEmulator.RequireBuyer(bot, userId);
            if (buyer.Blocked != blocked) SetBlockedUnderGate(bot, buyer, blocked);
            return 0;
        }, ct);
    }

    private void SetBlockedUnderGate(PracticeBot bot, PracticeBuyerRow buyer, bool blocked)
    {
        buyer.Blocked = blocked;
        emulator.SaveRows(buyer);
        var botUser = TelegramJson.BotUser(bot.Row);
        JsonObject Member(string status) => status == "kicked"
            ? new JsonObject { ["status"] = status, ["user"] = botUser.DeepClone(), ["until_date"] = 0 }
            : new JsonObject { ["status"] = status, ["user"] = botUser.DeepClone() };
        emulator.EnqueueUpdate(bot, "my_chat_member", new JsonObject
        {
            ["chat"] = TelegramJson.Chat(buyer), ["from"] = TelegramJson.User(buyer), ["date"] = TelegramJson.Unix(emulator.Clock.GetUtcNow()),
            ["old_chat_member"] = Member(blocked ? "member" : "kicked"), ["new_chat_member"] = Member(blocked ? "kicked" : "member"),
        });
        emulator.RaiseChanged(bot.BotId, buyer.UserId);
    }

    /// <summary>The buyer's chat, oldest first, without deleted messages.</summary>
    public async Task<IReadOnlyList<PracticeChatMessage>> ChatAsync(long botId, long userId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () =>
        {
            var chat = bot.Chat(userId);
            // The buyer's payments per payload, so the page can show an invoice as paid and offer to pay it again.
            var paid = chat.Where(m => m.Kind == PracticeMessageKind.FromBuyer && m.Json.Contains("\"successful_payment\"", StringComparison.Ordinal))
                .Select(m => JsonNode.Parse(m.Json)?["successful_payment"]?["invoice_payload"]?.ToString())
                .OfType<string>().CountBy(p => p).ToDictionary();
            return (IReadOnlyList<PracticeChatMessage>)[.. chat.Where(m => !m.Deleted).Select(m => PracticeChatMessage.From(m, id => bot.Files.GetValueOrDefault(id)?.FilePath, paid))];
        }, ct);
    }

    /// <summary>Queues any update JSON as is (malformed, or reusing an update_id); returns its update_id.</summary>
    public async Task<int> InjectUpdateAsync(long botId, string rawJson, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () => emulator.EnqueueRawUpdate(bot, rawJson), ct);
    }

    /// <summary>Arms a fault for the next <paramref name="times"/> calls of a Bot API method ("*" = any method).</summary>
    public async Task InjectFaultAsync(long botId, string method, PracticeFaultKind kind, int times = 1, int retryAfterSeconds = 5, CancellationToken ct = default)
    {
        if (times < 1) throw new PracticeControlException("A fault needs times ≥ 1.");
        if (method != "*" && !PracticeEmulator.IsKnownMethod(method)) throw new PracticeControlException($"The emulator has no method '{method}'.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        await Gate(bot, () => { bot.Faults.Add(new PracticeFault(method, kind, times, Math.Max(1, retryAfterSeconds))); return 0; }, ct);
    }

    /// <summary>Delivers every update this many times (1 = normal), to drill update_id deduplication.</summary>
    public async Task SetDeliveryCopiesAsync(long botId, int copies, CancellationToken ct = default)
    {
        if (copies is < 1 or > 10) throw new PracticeControlException("Copies must be between 1 and 10.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        await Gate(bot, () => bot.DeliveryCopies = copies, ct);
    }

    /// <summary>Turns flood control on or off for one bot; null follows configuration (Practice:RateLimits:Enabled).</summary>
    public async Task SetRateLimitsAsync(long botId, bool? enabled, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        await Gate(bot, () => { bot.Row.RateLimitsEnabled = enabled; emulator.SaveRows(bot.Row); return 0; }, ct);
    }

    public async Task<IReadOnlyList<PracticeTransaction>> TransactionsAsync(long botId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () => (IReadOnlyList<PracticeTransaction>)[.. bot.Transactions.Select(t =>
            new PracticeTransaction(t.TransactionId, t.Amount, t.Outgoing, t.UserId, t.Payload, t.Date, t.PartnerType, t.TransactionType, t.NanostarAmount, t.RequestCount))], ct);
    }

    /// <summary>How many Star transactions getStarTransactions lists for the bot (without copying a million of them).</summary>
    public async Task<int> TransactionCountAsync(long botId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        return await Gate(bot, () => bot.Transactions.Count, ct);
    }

    /// <summary>Adds a Star transaction of any kind (a gift, a withdrawal, an affiliate commission…) and moves the bot's balance by it.</summary>
    public async Task<PracticeTransaction> AddTransactionAsync(long botId, SeedTransaction seed, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        var t = await emulator.UnderGateAsync(bot, () => Task.FromResult(emulator.SeedTransaction(bot, seed)), ct);
        return new PracticeTransaction(t.TransactionId, t.Amount, t.Outgoing, t.UserId, t.Payload, t.Date, t.PartnerType, t.TransactionType, t.NanostarAmount, t.RequestCount);
    }

    /// <summary>
    /// Adds <paramref name="count"/> Star transactions (paid media, gifts, paid-broadcast charges) for ledger rehearsals,
    /// 10,000 per turn of the bot's gate so its Bot API calls go on in between.
    /// </summary>
    public async Task<int> AddManyTransactionsAsync(long botId, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > 10_000_000) throw new PracticeControlException("count is 1 to 10,000,000.");
        var bot = await emulator.RequireBotAsync(botId, ct);
        var from = DateTimeOffset.UtcNow.AddSeconds(-count);
        for (var done = 0; done < count;)
        {
            var chunk = Math.Min(10_000, count - done);
            var at = from.AddSeconds(done);
            done += await emulator.UnderGateAsync(bot, () => Task.FromResult(emulator.SeedManyTransactions(bot, chunk, at)), ct);
        }
        return count;
    }

    /// <summary>The rehearsal's view of one bot: pre-checkout latencies and verdicts, and when sending started and stopped.</summary>
    public async Task<RehearsalSnapshot> RehearsalStatsAsync(long botId, CancellationToken ct = default)
    {
        var stats = (await emulator.RequireBotAsync(botId, ct)).Stats;
        return new RehearsalSnapshot([.. stats.PreCheckoutLatenciesMs], stats.PreCheckoutApprovals, stats.PreCheckoutRefusals, stats.FirstSentAt, stats.LastSentAt);
    }

    /// <summary>Starts the rehearsal's measurements afresh (the fault rate is kept).</summary>
    public async Task ResetRehearsalStatsAsync(long botId, CancellationToken ct = default)
    {
        var bot = await emulator.RequireBotAsync(botId, ct);
        bot.Stats = new RehearsalStats { FaultRate = bot.Stats.FaultRate };
    }

    /// <summary>From now on this share (0–1) of the bot's Bot API calls fails with a 429, a 500 or a timeout.</summary>
    public async Task SetRandomFaultsAsync(long botId, double rate, CancellationToken ct = default)
    {
        if (rate is < 0 or >= 1) throw new PracticeControlException("The fault rate is a share from 0 to just under 1.");
        (await emulator.RequireBotAsync(botId, ct)).Stats.FaultRate = rate;
    }

    /// <summary>
    /// Deletes the bot's buyers, chats, payments and pending updates. The bot stays registered and answers at once:
    /// update and message ids go on from where they were, so a running poller sees the next update as new.
    /// </summary>
    public Task ResetAsync(long botId) => emulator.ResetBotAsync(botId);

    private PracticeBotSummary Summary(PracticeBot bot) => new(
        bot.BotId, bot.Row.Username, bot.Row.StarBalanceTenths / 10m, bot.Pending.Count, bot.Row.WebhookUrl,
        bot.Row.RateLimitsEnabled ?? emulator.Options.RateLimits.Enabled, bot.Counters.MessagesSent, bot.Counters.TooManyRequests,
        bot.Counters.PaidBroadcastMessages, bot.Counters.MaxPerSecondOverall, bot.Counters.MaxPerSecondPerChat);

    private Task<T> Gate<T>(PracticeBot bot, Func<T> read, CancellationToken ct) => emulator.UnderGateAsync(bot, () => Task.FromResult(read()), ct);
}
