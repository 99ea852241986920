using System.Diagnostics;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>What one virtual buyer does: open the deep link, tap Buy, pay the invoice, wait for the receipt.</summary>
public static class BuyerScript
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// StarsStudio's flow: /start slug → the invoice (or, for an action that shows its card first, card → Buy →
    /// invoice) → Pay → delivery and receipt.
    /// </summary>
    public static async Task RunStarsStudioAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, string slug, Measurements m, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (invoice, toInvoiceMs) = await OpenInvoiceAsync(control, chats, botId, userId, slug, StepTimeout, ct);
            m.BuyToInvoiceMs.Add(toInvoiceMs);

            var outcome = await control.PayAsync(botId, userId, invoice.MessageId, ct);
            // Refused at pre-checkout because an offer ran out while the invoice was open (the last early-bird unit,
            // a code's last use): the bot offers a Buy button at the price that holds now; the buyer taps it and pays.
            for (var fresh = 0; outcome.Status == PaymentStatus.Rejected && fresh < 2; fresh++)
            {
                var offer = await chats.WaitForAsync(userId, IsCard, invoice.MessageId, StepTimeout, ct);
                var buy = offer.Buttons.SelectMany(r => r).First(b => b.CallbackData?.StartsWith("buy:") == true);
                await control.TapButtonAsync(botId, userId, offer.MessageId, buy.CallbackData!, ct);
                invoice = await chats.WaitForAsync(userId, x => x.Invoice is not null, offer.MessageId, StepTimeout, ct);
                outcome = await control.PayAsync(botId, userId, invoice.MessageId, ct);
            }
            if (outcome.Status != PaymentStatus.Paid) { m.Error($"pay: {outcome.Status}"); return; }
            var paid = Stopwatch.GetTimestamp();
            await chats.WaitForAsync(userId, x => Receipts.IsReceipt(x.Text), invoice.MessageId, StepTimeout, ct);
            m.PaymentToDeliveryMs.Add(Stopwatch.GetElapsedTime(paid).TotalMilliseconds);
            m.PurchaseMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            m.Done();
        }
        catch (TimeoutException) { m.Error("timeout waiting for the bot"); }
        catch (PracticeControlException e) { m.Error("control: " + e.Message); }
    }

    /// <summary>How long a buyer of the crash drill waits for one answer before doing the step again.</summary>
    public static readonly TimeSpan PatientStepTimeout = TimeSpan.FromSeconds(20);
    /// <summary>How long they wait for the receipt once Telegram took their Stars (never paying twice).</summary>
    public static readonly TimeSpan ReceiptTimeout = TimeSpan.FromMinutes(3);
    /// <summary>Retries (of any step) before the buyer gives up.</summary>
    public const int MaxRetries = 8;

    /// <summary>
    /// StarsStudio's flow for a buyer whose bot may be down at any moment (the crash drill): what a real buyer
    /// does when nothing happens — send /start again, tap Buy again, press Pay again — a bounded number of
    /// times. A payment Telegram completed is never repeated: they wait for the receipt. Each retry is counted
    /// as an error of its kind ("retry: …"); giving up is "gave up: …".
    /// </summary>
    public static async Task RunStarsStudioCrashTolerantAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, string slug, Measurements m, BuyerSteps steps, CancellationToken ct)
    {
        var buying = steps.Begin();
        try { await BuyPatientlyAsync(control, chats, botId, userId, slug, m, steps, buying, ct); }
        finally { buying.Done(); }
    }

    private static async Task BuyPatientlyAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, string slug, Measurements m, BuyerSteps steps, BuyerSteps.Buying buying, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var retries = 0;
        PracticeChatMessage? card = null;
        PracticeChatMessage? invoice = null;
        var refusedInvoice = 0;
        long tapped = 0;
        bool Retry(string why)
        {
            m.Error("retry: " + why);
            if (++retries <= MaxRetries) return true;
            m.Error("gave up: " + why);
            return false;
        }

        while (true)
        {
            try
            {
                if (card is null)
                {
                    using (steps.Enter(BuyerStep.Start))
                    {
                        var startId = await control.StartAsync(botId, userId, slug, ct);
                        tapped = Stopwatch.GetTimestamp();
                        // A deep link may answer with the invoice itself; one refused before does not count.
                        card = await chats.WaitForAsync(userId, x => IsCard(x) || (x.Invoice is not null && x.MessageId > refusedInvoice), startId, PatientStepTimeout, ct);
                        if (card.Invoice is not null)
                        {
                            invoice = card;
                            m.BuyToInvoiceMs.Add(Stopwatch.GetElapsedTime(tapped).TotalMilliseconds);
                        }
                    }
                }
                if (invoice is null && !IsCard(card))
                {
                    // The link answered with an invoice that was refused: a fresh /start gives a fresh one.
                    card = null;
                    continue;
                }
                if (invoice is null)
                {
                    using (steps.Enter(BuyerStep.Buy))
                    {
                        var buy = card.Buttons.SelectMany(r => r).First(b => b.CallbackData?.StartsWith("buy:") == true);
                        tapped = Stopwatch.GetTimestamp();
                        await control.TapButtonAsync(botId, userId, card.MessageId, buy.CallbackData!, ct);
                        // An invoice for an earlier tap that arrives late is as good as a fresh one (a refused one is not).
                        invoice = await chats.WaitForAsync(userId, x => x.Invoice is not null, Math.Max(card.MessageId, refusedInvoice), PatientStepTimeout, ct);
                        m.BuyToInvoiceMs.Add(Stopwatch.GetElapsedTime(tapped).TotalMilliseconds);
                    }
                }

                PaymentOutcome outcome;
                using (steps.Enter(BuyerStep.Pay))
                    outcome = await control.PayAsync(botId, userId, invoice.MessageId, ct);
                switch (outcome.Status)
                {
                    case PaymentStatus.Paid:
                        break;
                    case PaymentStatus.TimedOut:
                        // The bot did not answer the pre-checkout within Telegram's 10 s: nothing was charged. Pay again.
                        if (Retry("pre-checkout not answered in time")) continue;
                        return;
                    case PaymentStatus.Rejected:
                        // Refused (e.g. "tap Buy again for a fresh invoice"): do that.
                        refusedInvoice = invoice.MessageId;
                        invoice = null;
                        if (Retry($"payment refused ({outcome.Message})")) continue;
                        return;
                    default:
                        m.Error($"gave up: pay {outcome.Status}");
                        return;
                }

                var paid = Stopwatch.GetTimestamp();
                buying.Done();
                using (steps.Enter(BuyerStep.AwaitDelivery))
                {
                    try { await chats.WaitForAsync(userId, x => Receipts.IsReceipt(x.Text), invoice.MessageId, ReceiptTimeout, ct); }
                    catch (TimeoutException) { m.Error("gave up: paid, but no receipt in time"); return; }
                }
                m.PaymentToDeliveryMs.Add(Stopwatch.GetElapsedTime(paid).TotalMilliseconds);
                m.PurchaseMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                m.Done();
                return;
            }
            catch (TimeoutException)
            {
                if (!Retry(card is null ? "no answer to /start in time" : "no invoice after Buy in time")) return;
            }
            catch (PracticeControlException e)
            {
                // E.g. the card or invoice is gone: start over from /start.
                card = null;
                invoice = null;
                if (!Retry("control: " + e.Message)) return;
            }
        }
    }

    /// <summary>A card whose Buy carries a code (buy:{id}:{CODE}); the card shown again after a lost code has none.</summary>
    private static bool IsCoded(PracticeChatMessage x) => x.Buttons.SelectMany(r => r).Any(b => b.CallbackData?.StartsWith("buy:") == true && b.CallbackData.Count(c => c == ':') >= 2);

    private static bool IsCard(PracticeChatMessage x) => x.Buttons.SelectMany(r => r).Any(b => b.CallbackData?.StartsWith("buy:") == true);

    /// <summary>
    /// /start slug until the buyer holds an invoice: the deep link's own invoice, or the card's Buy tapped. The
    /// milliseconds are from the tap that asked for the invoice (the /start, or Buy) to the invoice.
    /// </summary>
    public static async Task<(PracticeChatMessage Invoice, double Ms)> OpenInvoiceAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, string slug, TimeSpan timeout, CancellationToken ct)
    {
        var asked = Stopwatch.GetTimestamp();
        var startId = await control.StartAsync(botId, userId, slug, ct);
        var first = await chats.WaitForAsync(userId, x => x.Invoice is not null || IsCard(x), startId, timeout, ct);
        if (first.Invoice is not null) return (first, Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
        // A code another buyer took between the card and Buy brings the card back at its normal price: Buy that one.
        for (var card = first; ; )
        {
            var buy = card.Buttons.SelectMany(r => r).First(b => b.CallbackData?.StartsWith("buy:") == true);
            asked = Stopwatch.GetTimestamp();
            await control.TapButtonAsync(botId, userId, card.MessageId, buy.CallbackData!, ct);
            var next = await chats.WaitForAsync(userId, x => x.Invoice is not null || (IsCard(x) && !IsCoded(x)), card.MessageId, timeout, ct);
            if (next.Invoice is not null) return (next, Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
            card = next;
        }
    }

    /// <summary>The floor bot's flow: /start → invoice → Pay → one message.</summary>
    public static async Task RunFloorAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, Measurements m, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var tapped = Stopwatch.GetTimestamp();
            var startId = await control.StartAsync(botId, userId, null, ct);
            var invoice = await chats.WaitForAsync(userId, x => x.Invoice is not null, startId, StepTimeout, ct);
            m.BuyToInvoiceMs.Add(Stopwatch.GetElapsedTime(tapped).TotalMilliseconds);
            var outcome = await control.PayAsync(botId, userId, invoice.MessageId, ct);
            if (outcome.Status != PaymentStatus.Paid) { m.Error($"pay: {outcome.Status}"); return; }
            var paid = Stopwatch.GetTimestamp();
            await chats.WaitForAsync(userId, x => x.Text == FloorBot.DeliveredText, invoice.MessageId, StepTimeout, ct);
            m.PaymentToDeliveryMs.Add(Stopwatch.GetElapsedTime(paid).TotalMilliseconds);
            m.PurchaseMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            m.Done();
        }
        catch (TimeoutException) { m.Error("timeout waiting for the bot"); }
        catch (PracticeControlException e) { m.Error("control: " + e.Message); }
    }
}
