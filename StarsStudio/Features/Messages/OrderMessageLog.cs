using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using Telegram.Bot.Types;

namespace StarsStudio.Features.Messages;

/// <summary>
/// Logs every message the bot sends or tries to send about an order. A step that sends about an order says so with
/// <see cref="About"/> (an ambient scope, so no send signature changes); <see cref="Bot.Outbound.BotSender"/> reports
/// each outcome here. Entries are queued in memory and written in batches by one loop, so a send never waits for
/// a database write; a crash can lose the last batch of a log, never a message or a payment.
/// </summary>
public sealed class OrderMessageLog(IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock, ILogger<OrderMessageLog> logger) : BackgroundService
{
    public const int ExcerptLength = 200;
    private const int BatchSize = 200;
    private static readonly AsyncLocal<OrderMessageScope?> current = new();
    private readonly Channel<OrderMessage> queue = Channel.CreateUnbounded<OrderMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Marks the sends made inside the returned scope (on this async flow) as being about this order.</summary>
    public static IDisposable About(long orderId, OrderMessageKind kind)
    {
        var previous = current.Value;
        current.Value = new OrderMessageScope(orderId, kind);
        return new Restore(previous);
    }

    /// <summary>Called by the sender after each send: logs it when the send is about an order.</summary>
    public void Sent(long chatId, object? result, string? text)
    {
        if (current.Value is not { } scope) return;
        var message = result switch { Message m => m, Message[] { Length: > 0 } ms => ms[0], _ => null };
        Queue(scope, chatId, text ?? message?.Text ?? message?.Caption ?? message?.Invoice?.Title ?? message?.Document?.FileName, message?.MessageId, null);
    }

    public void Failed(long chatId, string? text, Exception error)
    {
        if (current.Value is not { } scope) return;
        Queue(scope, chatId, text, null, error.Message);
    }

    private void Queue(OrderMessageScope scope, long chatId, string? text, int? messageId, string? error) =>
        queue.Writer.TryWrite(new OrderMessage
        {
            OrderId = scope.OrderId, Kind = scope.Kind, ChatId = chatId, At = clock.GetUtcNow(), TelegramMessageId = messageId,
            Excerpt = text is null ? null : text.Length <= ExcerptLength ? text : text[..(ExcerptLength - 1)] + "…",
            Error = error is null ? null : error.Length <= 512 ? error : error[..511] + "…",
        });

    public async Task<IReadOnlyList<OrderMessage>> ForOrderAsync(long orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrderMessages.AsNoTracking().Where(m => m.OrderId == orderId).OrderBy(m => m.At).ThenBy(m => m.Id).Take(500).ToListAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OrderMessage>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
                await WriteAsync(batch, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        // What was queued before the stop is still written.
        await WriteAsync(batch, CancellationToken.None);
    }

    private async Task WriteAsync(List<OrderMessage> batch, CancellationToken ct)
    {
        while (queue.Reader.TryRead(out var m))
        {
            batch.Add(m);
            if (batch.Count < BatchSize && queue.Reader.TryPeek(out _)) continue;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await OrderMessageBatch.InsertAsync(db, batch, ct);
            }
            catch (Exception e) { logger.LogWarning(e, "{Count} order message log entries could not be written", batch.Count); }
            batch.Clear();
        }
    }

    private sealed record OrderMessageScope(long OrderId, OrderMessageKind Kind);

    private sealed class Restore(OrderMessageScope? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
