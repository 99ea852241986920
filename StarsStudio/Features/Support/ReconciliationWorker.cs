using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Support;

/// <summary>Runs reconciliation on a schedule while the bot is running.</summary>
public sealed class ReconciliationWorker(
    ReconciliationService reconciliation,
    BotClientAccessor bots,
    Microsoft.Extensions.Options.IOptions<SupportOptions> options,
    Singletons singletons,
    TimeProvider clock,
    ILogger<ReconciliationWorker> logger) : BackgroundService
{
    // One instance reconciles with Telegram at a time (Data/Singletons).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singletons.RunAsync("reconciliation", RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.ReconcileEveryMinutes;
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (bots.Current is null) continue;
            try { await reconciliation.RunAsync("reconciliation (scheduled)", stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { logger.LogWarning(e, "Scheduled reconciliation failed; it runs again next time"); }
        }
    }
}
