using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Rehearsal;

/// <summary>
/// The floor: the least a Stars bot can do with Telegram.Bot — a polling loop that answers /start with an
/// invoice, approves every pre-checkout and sends one message per payment. No database, no checks. What
/// StarsStudio costs on top of this is the price of doing it safely.
/// </summary>
public sealed class FloorBot(string token, string apiBaseUrl) : IAsyncDisposable
{
    public const string DeliveredText = "Delivered.";
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public string Token => token;
    public long BotId => long.Parse(token.AsSpan(0, token.IndexOf(':')));

    public void Start(HttpClient http) => loop = Task.Run(() => RunAsync(new TelegramBotClient(new TelegramBotClientOptions(token, apiBaseUrl) { RetryCount = 3, RetryThreshold = 60 }, http)));

    private async Task RunAsync(ITelegramBotClient bot)
    {
        var offset = 0;
        while (!stop.IsCancellationRequested)
        {
            Update[] updates;
            try { updates = await bot.GetUpdates(offset, 100, 10, cancellationToken: stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (Exception) { await Task.Delay(200); continue; }
            if (updates.Length == 0) continue;
            offset = updates.Max(u => u.Id) + 1;
            await Task.WhenAll(updates.Select(u => HandleAsync(bot, u)));
        }
    }

    private async Task HandleAsync(ITelegramBotClient bot, Update u)
    {
        try
        {
            if (u.PreCheckoutQuery is { } q) await bot.AnswerPreCheckoutQuery(q.Id, cancellationToken: stop.Token);
            else if (u.Message is { SuccessfulPayment: not null } paid) await bot.SendMessage(paid.Chat.Id, DeliveredText, cancellationToken: stop.Token);
            else if (u.Message is { Text: not null } m && m.Text.StartsWith("/start"))
                await bot.SendInvoice(m.Chat.Id, "Floor item", "The floor bot's item", "floor", "XTR", [new LabeledPrice("Floor item", 1)], cancellationToken: stop.Token);
        }
        catch (Exception) { /* the floor does not retry: it is the floor */ }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        if (loop is not null) await loop;
    }
}
