using System.Diagnostics;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>What one virtual buyer does: open the deep link, tap Buy, pay the invoice, wait for the receipt.</summary>
public static class BuyerScript
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    /// <summary>StarsStudio's flow: /start slug → card → Buy → invoice → Pay → delivery and receipt.</summary>
    public static async Task RunStarsStudioAsync(PracticeControl control, ChatWaiter chats, long botId, long userId, string slug, Measurements m, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var startId = await control.StartAsync(botId, userId, slug, ct);
            var card = await chats.WaitForAsync(userId, x => x.Buttons.SelectMany(r => r).Any(b => b.CallbackData?.StartsWith("buy:") == true), startId, StepTimeout, ct);
            var buy = card.Buttons.SelectMany(r => r).First(b => b.CallbackData?.StartsWith("buy:") == true);

            var tapped = Stopwatch.GetTimestamp();
            await control.TapButtonAsync(botId, userId, card.MessageId, buy.CallbackData!, ct);
            var invoice = await chats.WaitForAsync(userId, x => x.Invoice is not null, card.MessageId, StepTimeout, ct);
            m.BuyToInvoiceMs.Add(Stopwatch.GetElapsedTime(tapped).TotalMilliseconds);

            var outcome = await control.PayAsync(botId, userId, invoice.MessageId, ct);
            if (outcome.Status != PaymentStatus.Paid) { m.Error($"pay: {outcome.Status}"); return; }
            var paid = Stopwatch.GetTimestamp();
            await chats.WaitForAsync(userId, x => x.Text?.Contains("Receipt") == true, invoice.MessageId, StepTimeout, ct);
            m.PaymentToDeliveryMs.Add(Stopwatch.GetElapsedTime(paid).TotalMilliseconds);
            m.PurchaseMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            m.Done();
        }
        catch (TimeoutException) { m.Error("timeout waiting for the bot"); }
        catch (PracticeControlException e) { m.Error("control: " + e.Message); }
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
