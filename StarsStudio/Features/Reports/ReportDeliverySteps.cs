using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Reports;

/// <summary>
/// What report and service deliveries share: the answers and buyer behind an order, the "paid, generating" and
/// "paid, failed — support needed" messages, and which attempt this is.
/// </summary>
public sealed class ReportDeliverySteps(IDbContextFactory<StarsDbContext> dbFactory, BotSender sender)
{
    public async Task<(Dictionary<string, string> Answers, Buyers.Buyer? Buyer, int Attempt, string Slug)> LoadAsync(DeliveryContext c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = (await db.OrderInputs.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == c.Order.Id, ct))?.Answers ?? [];
        var buyer = await db.Buyers.AsNoTracking().FirstOrDefaultAsync(b => b.BotId == c.Order.BotId && b.TelegramUserId == c.Order.BuyerId, ct);
        var attempt = await db.DeliveryJobs.AsNoTracking().Where(j => j.OrderId == c.Order.Id && j.Status == JobStatus.Running)
            .Select(j => (int?)j.Attempts).MaxAsync(ct) ?? 1;
        var slug = await db.PaidActions.AsNoTracking().Where(a => a.Id == c.Order.ActionId).Select(a => a.Slug).FirstOrDefaultAsync(ct) ?? "";
        return (answers, buyer, attempt, slug);
    }

    public Task AnnounceAsync(DeliveryContext c, string what, CancellationToken ct) =>
        sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            c.Words.T("report.generating", ("code", c.Order.Code), ("what", what), ("usually", ReportFacts.Usually(c.Terms.ExpectedMinutes, c.Words))),
            SendPriority.Delivery, ct: ct);

    /// <summary>Tells the buyer when this failure is final (permanent, or the last attempt); a failure to tell never hides the original one.</summary>
    public async Task TellIfFinalAsync(DeliveryContext c, Exception e, int attempt, CancellationToken ct)
    {
        var final = e is DeliveryProblemException || (attempt >= DeliveryWorker.MaxAttempts && e is not OperationCanceledException && e is not BotNotRunningException);
        if (!final || e is ApiRequestException { ErrorCode: 403 or 429 }) return;
        try
        {
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
                c.Words.T("report.failed", ("code", c.Order.Code)),
                SendPriority.Delivery, ct: ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested) { /* the order still shows DeliveryFailed for support */ }
    }

    public static ReportModel Model(DeliveryContext c, Dictionary<string, string> answers, Buyers.Buyer? buyer, string input = "") =>
        new(answers, c.Terms.Questions ?? [], c.Order.Code, buyer?.FirstName ?? "there", c.Order.Stars, c.Order.PaidAt ?? c.Order.CreatedAt, input);
}
