using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using StarsStudio.Features.Payments;

namespace StarsStudio.Data;

/// <summary>
/// Carries <see cref="OrderNotifier"/> across instances with PostgreSQL LISTEN/NOTIFY, so a dashboard open on one
/// instance refreshes when another records a payment. Sending goes through a queue, never on the payment path's
/// time; a notification lost while a connection is down only delays a refresh (the pages re-read the data).
/// </summary>
public sealed class PostgresOrderRelay(OrderNotifier notifier, IConfiguration configuration, ILogger<PostgresOrderRelay> logger) : BackgroundService
{
    public const string Channel = "starsstudio_orders";
    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly Channel<(long OrderId, OrderStatus Status)> outgoing =
        System.Threading.Channels.Channel.CreateBounded<(long, OrderStatus)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Relay = (id, status) => outgoing.Writer.TryWrite((id, status));
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepGoingAsync(ListenAsync, stoppingToken), KeepGoingAsync(SendAsync, stoppingToken));

    private string ConnectionString => new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("StarsStudio"))
    {
        // LISTEN belongs to a session: a connection of its own, kept open.
        Pooling = false,
        KeepAlive = 10,
    }.ConnectionString;

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) =>
        {
            var parts = e.Payload.Split('|');
            if (parts.Length == 3 && parts[0] != instance
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var orderId)
                && Enum.TryParse<OrderStatus>(parts[2], out var status))
                notifier.Raise(orderId, status);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        while (await outgoing.Reader.WaitToReadAsync(ct))
            while (outgoing.Reader.TryRead(out var change))
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("payload", $"{instance}|{change.OrderId.ToString(CultureInfo.InvariantCulture)}|{change.Status}");
                await notify.ExecuteNonQueryAsync(ct);
            }
    }

    /// <summary>Reconnects after a failure (a restarted server, a dropped connection) until the app stops.</summary>
    private async Task KeepGoingAsync(Func<CancellationToken, Task> loop, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await loop(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning("Order notifications across instances paused ({Reason}); reconnecting", e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
