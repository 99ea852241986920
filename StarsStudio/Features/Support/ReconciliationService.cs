using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Support;

/// <summary>
/// Compares Telegram's Star transactions (read into the ledger by <see cref="LedgerReader"/>, only what is new each
/// run) with our payments and refunds, and stores each difference as a finding support can fix in one click.
/// </summary>
public sealed class ReconciliationService(
    IDbContextFactory<StarsDbContext> dbFactory,
    BotClientAccessor bots,
    PaymentRecorder recorder,
    RefundService refunds,
    DeliverySignal deliverySignal,
    OrderNotifier orderNotifier,
    AuditLog audit,
    LedgerReader ledger,
    TimeProvider clock,
    ILogger<ReconciliationService> logger)
{
    /// <summary>Findings of one kind stored per run: past this, the inbox has more than support can read anyway.</summary>
    public const int MaxFindingsPerKind = 10_000;
    private readonly SemaphoreSlim running = new(1, 1);

    public DateTimeOffset? LastRunAt { get; private set; }

    public async Task<ReconciliationSummary> RunAsync(string actor, CancellationToken ct = default, bool rebuild = false)
    {
        var bot = bots.Require();
        await running.WaitAsync(ct);
        try
        {
            // The ledger is read incrementally (only what is new since the last run); the comparison runs in SQL.
            var startedAt = clock.GetUtcNow();
            var ledgerRead = await ledger.ReadAsync(bot, rebuild, ct);
            var read = ledgerRead.Read;

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var found = new List<ReconciliationFinding>();
            var botId = bot.BotId;
            // Only invoice payments are sales of our paid actions: paid media, gifts, commissions and the rest are the
            // bot's other income and never "paid at Telegram but not recorded".
            var sales = db.LedgerEntries.Where(e => e.BotId == botId && e.Kind == LedgerKind.InvoicePayment);
            var payments = db.Payments.Where(p => p.BotId == botId);

            foreach (var e in await sales.Where(e => !e.Outgoing && !db.Payments.Any(p => p.ChargeId == e.TransactionId))
                         .OrderBy(e => e.At).Take(MaxFindingsPerKind).ToListAsync(ct))
                found.Add(New(FindingKind.PaidNotRecorded, e.TransactionId, e.CounterpartyId, e.Amount, e.InvoicePayload, e.At,
                    $"Telegram charged buyer {e.CounterpartyId} ⭐{StarMath.Format(e.TotalNanostars)} on {e.At:u}, but no payment was recorded. Record it to deliver the order."));
            // A payment recorded after this read began may simply not be listed yet.
            if (ledgerRead.Complete)
                foreach (var p in await payments.Where(p => p.ReceivedAt < startedAt && !sales.Any(e => !e.Outgoing && e.TransactionId == p.ChargeId))
                             .OrderBy(p => p.Id).Take(MaxFindingsPerKind).Select(p => new { p.ChargeId, p.BuyerId, p.TotalAmount, p.ReceivedAt }).ToListAsync(ct))
                    found.Add(New(FindingKind.RecordedUnknownToTelegram, p.ChargeId, p.BuyerId, p.TotalAmount, null, p.ReceivedAt,
                        $"We recorded ⭐{p.TotalAmount} from buyer {p.BuyerId}, but Telegram does not list this charge. Check it before delivering anything more."));
            foreach (var p in await payments.Where(p => p.RefundedAt == null)
                         .Join(sales.Where(e => e.Outgoing), p => p.ChargeId, e => e.TransactionId, (p, e) => new { p.ChargeId, p.BuyerId, p.TotalAmount, e.At })
                         .Take(MaxFindingsPerKind).ToListAsync(ct))
                found.Add(New(FindingKind.RefundedNotRecorded, p.ChargeId, p.BuyerId, p.TotalAmount, null, p.At,
                    $"Telegram refunded ⭐{p.TotalAmount} to buyer {p.BuyerId}, but the order still counts as paid. Mark it refunded to take back credits and uses."));
            foreach (var p in await payments.Where(p => p.RefundedAt != null && p.RefundedAt < startedAt
                                                        && !sales.Any(e => e.Outgoing && e.TransactionId == p.ChargeId)
                                                        && sales.Any(e => !e.Outgoing && e.TransactionId == p.ChargeId))
                         .Take(MaxFindingsPerKind).Select(p => new { p.ChargeId, p.BuyerId, p.TotalAmount, p.RefundedAt }).ToListAsync(ct))
                found.Add(New(FindingKind.RefundMissingAtTelegram, p.ChargeId, p.BuyerId, p.TotalAmount, null, p.RefundedAt,
                    $"We marked ⭐{p.TotalAmount} to buyer {p.BuyerId} as refunded, but Telegram lists no refund. Ask Telegram to refund it again."));

            var open = await db.ReconciliationFindings.Where(f => f.BotId == bot.BotId && f.ResolvedAt == null).ToListAsync(ct);
            var added = 0;
            foreach (var f in found)
            {
                var existing = await db.ReconciliationFindings.FirstOrDefaultAsync(x => x.Kind == f.Kind && x.ChargeId == f.ChargeId, ct);
                if (existing is null) { db.ReconciliationFindings.Add(f); added++; }
                else if (existing.ResolvedAt is not null && existing.ResolvedBy == "reconciliation")
                {
                    existing.ResolvedAt = null; existing.ResolvedBy = null; existing.Detail = f.Detail; existing.FoundAt = now; added++;
                }
            }
            // Differences that are gone (e.g. a late payment update arrived) close themselves.
            var cleared = 0;
            var stillFound = found.Select(x => (x.Kind, x.ChargeId)).ToHashSet();
            foreach (var f in open.Where(o => !stillFound.Contains((o.Kind, o.ChargeId))))
            {
                f.ResolvedAt = now; f.ResolvedBy = "reconciliation"; cleared++;
            }
            await db.SaveChangesAsync(ct);
            LastRunAt = now;
            var stillOpen = await db.ReconciliationFindings.CountAsync(f => f.BotId == bot.BotId && f.ResolvedAt == null, ct);
            if (added > 0) await audit.WriteAsync(actor, "reconciliation", $"Reconciliation read {read} Telegram transactions and found {added} new difference(s).", ct);
            logger.LogInformation("Reconciliation: {Read} transactions, {New} new findings, {Open} open", read, added, stillOpen);
            return new(read, added, stillOpen, cleared);

            ReconciliationFinding New(FindingKind kind, string charge, long? buyer, long amount, string? payload, DateTimeOffset? at, string detail) => new()
            {
                Kind = kind, BotId = bot.BotId, ChargeId = charge, BuyerId = buyer, Amount = amount, InvoicePayload = payload, TransactionAt = at, FoundAt = now, Detail = detail,
            };
        }
        finally { running.Release(); }
    }

    public async Task<IReadOnlyList<ReconciliationFinding>> OpenFindingsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The running bot's findings: practice and live ledgers never mix.
        var botId = bots.Current?.BotId;
        return await db.ReconciliationFindings.AsNoTracking().Where(f => f.BotId == botId && f.ResolvedAt == null).OrderByDescending(f => f.FoundAt).ThenByDescending(f => f.Id).Take(200).ToListAsync(ct);
    }

    public static string FixLabel(FindingKind kind) => kind switch
    {
        FindingKind.PaidNotRecorded => "Record and deliver",
        FindingKind.RefundedNotRecorded => "Mark refunded",
        FindingKind.RefundMissingAtTelegram => "Refund again at Telegram",
        _ => "Mark checked",
    };

    /// <summary>The one-click fix for a finding; the finding is closed only when the fix worked.</summary>
    public async Task<ActionResult> FixAsync(long findingId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var finding = await db.ReconciliationFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null) return new(false, "This finding does not exist.");
        if (finding.ResolvedAt is not null) return new(true, "This finding was already fixed.");
        ActionResult result;
        switch (finding.Kind)
        {
            case FindingKind.PaidNotRecorded:
                result = await RecordMissingPaymentAsync(finding, ct);
                break;
            case FindingKind.RefundedNotRecorded:
                await refunds.ApplyTelegramRefundAsync(finding.BotId, finding.BuyerId ?? 0, finding.ChargeId, $"reconciliation, fixed by {actor}", ct);
                result = new(true, "Marked refunded; credits and uses were taken back.");
                break;
            case FindingKind.RefundMissingAtTelegram:
                result = await RefundAgainAsync(finding, ct);
                break;
            default:
                result = new(true, "Marked checked.");
                break;
        }
        if (!result.Succeeded) return result;
        finding.ResolvedAt = clock.GetUtcNow();
        finding.ResolvedBy = actor;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "reconciliation", $"Fixed {finding.Kind} for charge {finding.ChargeId}: {FixLabel(finding.Kind)}. {result.Message}", CancellationToken.None);
        return result;
    }

    private async Task<ActionResult> RecordMissingPaymentAsync(ReconciliationFinding finding, CancellationToken ct)
    {
        if (bots.Current is not { } bot || bot.BotId != finding.BotId) return new(false, "The bot this payment was made to is not running; start it, then try again.");
        var paid = new SuccessfulPayment
        {
            Currency = "XTR", TotalAmount = (int)finding.Amount, InvoicePayload = finding.InvoicePayload ?? "",
            TelegramPaymentChargeId = finding.ChargeId, ProviderPaymentChargeId = "",
        };
        // The recorder dedupes by update id; a recovered payment has none, so it gets a negative id of its own.
        var syntheticUpdateId = -(int)Math.Min(finding.Id, int.MaxValue);
        var result = await recorder.RecordAsync(bot.BotId, syntheticUpdateId, finding.BuyerId ?? 0, paid, ct);
        if (result.Order is { } order) orderNotifier.Changed(order.Id, order.Status);
        deliverySignal.Wake();
        return result switch
        {
            { Outcome: RecordOutcome.Recorded, Payment.Match: PaymentMatch.Matched, Order: { } o } => new(true, $"Recorded; order {o.Code} is being delivered."),
            { Outcome: RecordOutcome.Recorded, Payment: { } p } => new(true, $"Recorded as {p.Match}: it matches no open order, so it now waits in the inbox to be refunded or handled."),
            _ => new(true, "It was already recorded meanwhile."),
        };
    }

    private async Task<ActionResult> RefundAgainAsync(ReconciliationFinding finding, CancellationToken ct)
    {
        if (bots.Current is not { } bot || bot.BotId != finding.BotId) return new(false, "The bot this payment was made to is not running; start it, then try again.");
        try
        {
            await bot.Client.RefundStarPayment(finding.BuyerId ?? 0, finding.ChargeId, ct);
            return new(true, "Telegram refunded it.");
        }
        catch (Telegram.Bot.Exceptions.ApiRequestException e) when (e.Message.Contains(RefundService.AlreadyRefundedError, StringComparison.OrdinalIgnoreCase))
        {
            return new(true, "Telegram says it was already refunded.");
        }
        catch (Telegram.Bot.Exceptions.RequestException e)
        {
            return new(false, $"Telegram refused or did not answer the refund: {e.Message}. Try again later.");
        }
    }
}
