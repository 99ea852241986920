using System.Collections.Concurrent;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Options;
using StarsStudio.Hosting;

namespace StarsStudio.Data;

/// <summary>
/// Work that must run on exactly one instance at a time (reconciliation, order housekeeping, the reminder
/// broadcaster). On SQLite there is one process, so it just runs. On PostgreSQL it runs while this instance holds
/// a session advisory lock named after it, on a connection of its own: an instance that dies loses its session
/// and with it the lock, and an instance blocked waiting for it takes over at once. Losing the connection stops
/// the work (its token is cancelled) and waits to take the lock again, so two instances never run it together.
/// </summary>
public sealed class Singletons(IOptions<DatabaseOptions> database, IConfiguration configuration, TimeProvider clock, ILogger<Singletons> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> held = new();

    /// <summary>The singletons this instance runs now (for /healthz).</summary>
    public IReadOnlyList<string> Held => [.. held.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Advisory locks belong to the whole server, not one database: the key names the database too, so two installs
    /// on one server (or two test apps) each run their own singletons instead of taking turns with each other's.
    /// </summary>
    public static string LockName(string connectionString, string name) =>
        $"starsstudio:{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}:{name}";

    /// <summary>
    /// The connection a lock is held on. To notice a lost connection DistributedLock keeps a <c>pg_sleep(60)</c>
    /// running on it, and a backend busy in a query does not look at its socket: when a holding instance was
    /// SIGKILLed its session, and so the lock, lived on for up to a minute (the cluster drill measured 50 s with
    /// nobody running the singletons). <c>client_connection_check_interval</c> (PostgreSQL 14+) makes the server
    /// check the client every second even mid-query, so a dead instance's locks go within about a second.
    /// </summary>
    public static string LockConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c client_connection_check_interval=1000".Trim();
        return builder.ConnectionString;
    }

    /// <summary>Runs <paramref name="body"/> while this instance holds <paramref name="name"/>; returns when it ends or the app stops.</summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> body, CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            held[name] = clock.GetUtcNow();
            try { await body(stoppingToken); }
            finally { held.TryRemove(name, out _); }
            return;
        }

        var connectionString = configuration.GetConnectionString("StarsStudio")!;
        var distributed = new PostgresDistributedLock(new PostgresAdvisoryLockKey(LockName(connectionString, name), allowHashing: true),
            LockConnectionString(connectionString),
            // A keepalive query notices a dead connection (and so a lost lock) within seconds.
            o => o.KeepaliveCadence(TimeSpan.FromSeconds(5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            PostgresDistributedLockHandle handle;
            try { handle = await distributed.AcquireAsync(cancellationToken: stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Npgsql's messages name host and database, never the password.
                logger.LogWarning("Could not take the {Singleton} lock ({Reason}); trying again", name, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken); } catch (OperationCanceledException) { return; }
                continue;
            }

            var ended = false;
            try
            {
                using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, handle.HandleLostToken);
                held[name] = clock.GetUtcNow();
                logger.LogInformation("This instance runs {Singleton}", name);
                try
                {
                    await body(run.Token);
                    ended = true;
                }
                catch (OperationCanceledException) when (run.IsCancellationRequested) { }
            }
            finally
            {
                held.TryRemove(name, out _);
                try { await handle.DisposeAsync(); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogDebug(e, "Releasing the {Singleton} lock failed (its session is gone)", name); }
            }
            if (ended) return;
            if (!stoppingToken.IsCancellationRequested) logger.LogWarning("Lost the {Singleton} lock; waiting to take it again", name);
        }
    }
}
