using System.Text;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Stars invoices, pre-checkout, refunds, transactions and the bot's balance — with Telegram's rules.</summary>
public sealed partial class PracticeEmulator
{
    /// <summary>Telegram's rules for a Stars (XTR) invoice; anything else is the 400 Telegram would answer.</summary>
    internal InvoiceSpec ValidateInvoice(BotApiRequest r)
    {
        var title = r.String("title") ?? "";
        var description = r.String("description") ?? "";
        var payload = r.String("payload") ?? "";
        if (title.Length is < 1 or > 32) throw BotApiException.BadRequest("INVOICE_TITLE_INVALID");
        if (description.Length is < 1 or > 255) throw BotApiException.BadRequest("INVOICE_DESCRIPTION_INVALID");
        if (Encoding.UTF8.GetByteCount(payload) is < 1 or > 128) throw BotApiException.BadRequest("INVOICE_PAYLOAD_INVALID");
        if (r.Has("provider_token")) throw BotApiException.BadRequest("PAYMENT_PROVIDER_INVALID");
        var currency = r.String("currency") ?? "";
        if (currency != "XTR")
            throw currency.Length == 0 ? PracticeErrors.MissingParameter("currency") : BotApiException.BadRequest("PAYMENT_PROVIDER_INVALID");
        // Tips do not exist for Stars.
        if (r.Has("max_tip_amount") && r.Long("max_tip_amount") != 0 || r.Json("suggested_tip_amounts") is JsonArray { Count: > 0 })
            throw PracticeErrors.StarsInvoiceInvalid();
        if (r.Json("prices") is not JsonArray prices) throw BotApiException.BadRequest("can't parse prices JSON object");
        if (prices.Count != 1) throw PracticeErrors.StarsInvoiceInvalid();
        var amount = prices[0]?["amount"] is JsonValue v && v.TryGetValue<long>(out var a) ? a : 0;
        if (prices[0]?["label"]?.ToString() is not { Length: > 0 }) throw BotApiException.BadRequest("LABEL_INVALID");
        if (amount < 1 || amount > Options.MaxStarsPerInvoice) throw BotApiException.BadRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
        return new InvoiceSpec(title, description, payload, amount, r.String("start_parameter"));
    }

    private JsonNode SendInvoice(PracticeBot bot, BotApiRequest r)
    {
        var buyer = RequireChat(bot, r);
        var invoice = ValidateInvoice(r);
        var markup = InlineKeyboard(r);
        // On an invoice the first button must be the Pay button.
        if (markup is not null && !(markup["inline_keyboard"] is JsonArray { Count: > 0 } rows && rows[0] is JsonArray { Count: > 0 } first
                                    && first[0]?["pay"] is JsonValue pay && pay.TryGetValue<bool>(out var isPay) && isPay))
            throw BotApiException.BadRequest("REPLY_MARKUP_BUY_EMPTY");
        RequireNotBlocked(buyer);
        AcquireSendPermit(bot, buyer.UserId, r.Bool("allow_paid_broadcast"));
        var message = NewMessage(bot, buyer, TelegramJson.BotUser(bot.Row));
        message["invoice"] = new JsonObject
        {
            ["title"] = invoice.Title, ["description"] = invoice.Description, ["start_parameter"] = invoice.StartParameter ?? "",
            ["currency"] = "XTR", ["total_amount"] = invoice.Amount,
        };
        if (markup is not null) message["reply_markup"] = markup;
        AddMessage(bot, buyer, PracticeMessageKind.FromBot, message, invoice.Payload);
        CountSent(bot, buyer.UserId);
        return message;
    }

    private JsonNode CreateInvoiceLink(PracticeBot bot, BotApiRequest r)
    {
        var invoice = ValidateInvoice(r);
        var link = new PracticeInvoiceLinkRow
        {
            Slug = NewId("", 12).Replace("A", "x"), BotId = bot.BotId, Title = invoice.Title, Description = invoice.Description,
            Payload = invoice.Payload, Amount = invoice.Amount,
        };
        bot.InvoiceLinks[link.Slug] = link;
        SaveNew(link);
        return InvoiceLinkUrl(link.Slug);
    }

    public static string InvoiceLinkUrl(string slug) => $"https://t.me/${slug}";

    private static JsonNode AnswerPreCheckoutQuery(PracticeBot bot, BotApiRequest r)
    {
        var id = r.String("pre_checkout_query_id") ?? "";
        var ok = r.Bool("ok");
        var error = r.String("error_message");
        if (!ok && string.IsNullOrWhiteSpace(error)) throw BotApiException.BadRequest("error_message is empty");
        bot.Stats.Answered(ok);
        // Unknown, already answered, or answered after the 10 s deadline: Telegram has forgotten the query.
        if (!bot.PreCheckouts.Remove(id, out var pending) || !pending.Answer.TrySetResult((ok, error)))
            throw PracticeErrors.QueryIdInvalid();
        return true;
    }

    private JsonNode RefundStarPayment(PracticeBot bot, BotApiRequest r)
    {
        var userId = r.Long("user_id") ?? throw BotApiException.BadRequest("USER_ID_INVALID");
        var chargeId = r.String("telegram_payment_charge_id") ?? "";
        if (chargeId.Length == 0) throw BotApiException.BadRequest("CHARGE_ID_EMPTY");
        if (!bot.Buyers.TryGetValue(userId, out var buyer)) throw BotApiException.BadRequest("USER_ID_INVALID");
        if (!bot.Charges.TryGetValue(chargeId, out var charge) || charge.UserId != userId) throw BotApiException.BadRequest("CHARGE_NOT_FOUND");
        if (charge.RefundedAt is not null) throw BotApiException.BadRequest("CHARGE_ALREADY_REFUNDED");
        if (bot.Row.StarBalanceTenths < charge.Amount * 10) throw BotApiException.BadRequest("BALANCE_TOO_LOW");

        var now = clock.GetUtcNow();
        charge.RefundedAt = now;
        buyer.Stars += charge.Amount;
        bot.Row.StarBalanceTenths -= charge.Amount * 10;
        var transaction = new PracticeTransactionRow
        {
            Seq = store.NextSeq(), BotId = bot.BotId, TransactionId = charge.ChargeId, Amount = charge.Amount, Outgoing = true, UserId = userId,
            Payload = charge.Payload, Date = now,
        };
        bot.Transactions.Add(transaction);
        // Telegram's refund service message comes from the bot, not the buyer (aiogram#1692).
        var message = NewMessage(bot, buyer, TelegramJson.BotUser(bot.Row));
        message["refunded_payment"] = new JsonObject
        {
            ["currency"] = "XTR", ["total_amount"] = charge.Amount, ["invoice_payload"] = charge.Payload,
            ["telegram_payment_charge_id"] = charge.ChargeId,
        };
        store.Update(charge, buyer, bot.Row);
        store.Insert(transaction);
        AddMessage(bot, buyer, PracticeMessageKind.FromBot, message);
        EnqueueUpdate(bot, "message", message);
        return true;
    }

    private static JsonNode GetStarTransactions(PracticeBot bot, BotApiRequest r)
    {
        var offset = Math.Max(0, r.Int("offset") ?? 0);
        var limit = Math.Clamp(r.Int("limit") ?? 100, 1, 100);
        var list = new JsonArray();
        foreach (var t in bot.Transactions.Skip(offset).Take(limit)) list.Add(TransactionJson(bot, t));
        return new JsonObject { ["transactions"] = list };
    }

    // ---- the buyer's side of a payment ----

    /// <summary>
    /// Pay: pre_checkout_query → wait up to the deadline for the bot's answer → charge and send
    /// successful_payment. Nothing is charged unless the bot approves in time and the buyer has the Stars.
    /// </summary>
    internal async Task<PaymentOutcome> PayAsync(PracticeBot bot, long userId, Func<PracticeBot, InvoiceSpec> findInvoice, CancellationToken ct)
    {
        PendingPreCheckout pending;
        string queryId;
        InvoiceSpec invoice;
        Task deadline;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int? sheetOpen = null;
        await EnterGateAsync(bot, ct);
        try
        {
            var buyer = RequireBuyer(bot, userId);
            invoice = findInvoice(bot);
            // Telegram's app opens one payment sheet per invoice: a second tap while one is open pays nothing.
            if (invoice.MessageId is int paying && !bot.InvoicesBeingPaid.Add((userId, paying)))
                return new PaymentOutcome(PaymentStatus.Rejected, "A payment for this invoice is already in progress.", null, null);
            sheetOpen = invoice.MessageId;
            if (buyer.Stars < invoice.Amount)
            {
                if (invoice.MessageId is int open) bot.InvoicesBeingPaid.Remove((userId, open));
                return new PaymentOutcome(PaymentStatus.NeedsTopUp,
                    $"Not enough Stars: this costs ⭐{invoice.Amount}, the balance is ⭐{buyer.Stars}. Buy Stars (top up) first.", null, null);
            }
            queryId = Random.Shared.NextInt64(1_000_000_000_000_000, long.MaxValue).ToString();
            pending = new PendingPreCheckout();
            bot.PreCheckouts[queryId] = pending;
            // The deadline starts before the query is visible, so a test that sees the query can advance the clock past it.
            deadline = Task.Delay(TimeSpan.FromSeconds(Options.PreCheckoutTimeoutSeconds), clock, stopWaiting.Token);
            EnqueueUpdate(bot, "pre_checkout_query", new JsonObject
            {
                ["id"] = queryId, ["from"] = TelegramJson.User(buyer), ["currency"] = "XTR",
                ["total_amount"] = invoice.Amount, ["invoice_payload"] = invoice.Payload,
            });
        }
        catch
        {
            if (sheetOpen is int failed) bot.InvoicesBeingPaid.Remove((userId, failed));
            throw;
        }
        finally { bot.Gate.Release(); }

        var asked = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAny(pending.Answer.Task, deadline);
        if (pending.Answer.Task.IsCompleted) bot.Stats.PreCheckoutLatenciesMs.Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
        stopWaiting.Cancel();
        PaymentOutcome outcome;
        Task committed;
        await EnterGateAsync(bot, CancellationToken.None);
        try
        {
            outcome = Settle();
            committed = store.CommittedFor(bot.BotId);
        }
        finally { bot.Gate.Release(); }
        // The buyer hears "paid" only once the charge is in practice.db (a crash before that leaves no charge at all).
        await committed;
        return outcome;

        PaymentOutcome Settle()
        {
            if (invoice.MessageId is int done) bot.InvoicesBeingPaid.Remove((userId, done));
            var buyer = RequireBuyer(bot, userId);
            bot.PreCheckouts.Remove(queryId);
            if (!pending.Answer.Task.IsCompleted)
            {
                pending.Answer.TrySetCanceled(CancellationToken.None);
                const string late = "The bot didn't respond in time. Payment was not completed.";
                AddNotice(bot, buyer, late);
                return new PaymentOutcome(PaymentStatus.TimedOut, late, null, null);
            }
            var (ok, error) = pending.Answer.Task.GetAwaiter().GetResult();
            if (!ok)
            {
                AddNotice(bot, buyer, error ?? "The payment was declined.");
                return new PaymentOutcome(PaymentStatus.Rejected, error ?? "", null, null);
            }
            if (buyer.Stars < invoice.Amount)
                return new PaymentOutcome(PaymentStatus.NeedsTopUp, $"Not enough Stars: the balance is ⭐{buyer.Stars}. Top up first.", null, null);
            return Charge(bot, buyer, invoice);
        }
    }

    private PaymentOutcome Charge(PracticeBot bot, PracticeBuyerRow buyer, InvoiceSpec invoice)
    {
        var now = clock.GetUtcNow();
        var charge = new PracticeChargeRow
        {
            ChargeId = NewId("stx", 48), BotId = bot.BotId, UserId = buyer.UserId, Amount = invoice.Amount, Payload = invoice.Payload, PaidAt = now,
        };
        var transaction = new PracticeTransactionRow
        {
            Seq = store.NextSeq(), BotId = bot.BotId, TransactionId = charge.ChargeId, Amount = invoice.Amount, UserId = buyer.UserId, Payload = invoice.Payload, Date = now,
        };
        buyer.Stars -= invoice.Amount;
        bot.Row.StarBalanceTenths += invoice.Amount * 10;
        bot.Charges[charge.ChargeId] = charge;
        bot.Transactions.Add(transaction);
        store.Insert(charge, transaction);
        store.Update(buyer, bot.Row);

        var message = NewMessage(bot, buyer, TelegramJson.User(buyer));
        message["successful_payment"] = new JsonObject
        {
            ["currency"] = "XTR", ["total_amount"] = invoice.Amount, ["invoice_payload"] = invoice.Payload,
            ["telegram_payment_charge_id"] = charge.ChargeId, ["provider_payment_charge_id"] = charge.ChargeId,
        };
        var row = AddMessage(bot, buyer, PracticeMessageKind.FromBuyer, message);
        EnqueueUpdate(bot, "message", message);
        return new PaymentOutcome(PaymentStatus.Paid, $"You paid ⭐{invoice.Amount}.", charge.ChargeId, row.MessageId);
    }

    internal static PracticeBuyerRow RequireBuyer(PracticeBot bot, long userId) =>
        bot.Buyers.GetValueOrDefault(userId) ?? throw new PracticeControlException($"Practice bot {bot.BotId} has no buyer {userId}.");
}
